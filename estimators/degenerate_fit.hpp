// Fits that exist but say nothing. An outcome with nothing to explain (constant, or constant
// within the fixed effects) is an error that says so (fixest and Stata refuse it too), as is a
// sample with no residual degrees of freedom (infer()). An outcome that the regressors explain
// exactly is a result without tests: its residuals, and with them its standard errors, are
// rounding noise, so no t statistic, p-value or star is reported (Estimate::exact_fit).
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

// Residuals whose (weighted) sum of squares is at most this fraction of the outcome's (around its
// mean with an intercept, around zero without) are rounding error of the computation: (30 eps)^2,
// a residual norm 6.7e-15 of the outcome's. Data rounded to 13 digits (NIST's Lanczos1, 1e-13) are
// not an exact fit.
inline constexpr double kExactFitShare = 4.4e-29;

// Throws "<estimator>: the outcome 'y' does not vary (every value is 3): there is nothing to
// explain" (no prefix when `estimator` is empty) when every y(i) is the same and the model absorbs a constant (an intercept or fixed
// effects); without one, only an outcome that is zero everywhere is refused. A single observation
// is named as such.
void require_outcome_variation(const arma::vec& y, bool absorbs_constant, const std::string& estimator,
                               const std::string& outcome);

// Throws when y takes one value within every level of one of `effects` (varying slopes aside):
// that dimension's dummies alone explain the outcome exactly.
void require_variation_within_effects(const arma::vec& y, const std::vector<models::Grouping>& effects,
                                      const std::string& estimator, const std::string& outcome);

// Whether residuals with sum of squares `rss` leave only rounding error of an outcome whose sum of
// squares is `tss` (kExactFitShare).
bool is_exact_fit(double rss, double tss);

// The note a result carries when it is an exact fit.
std::string exact_fit_note();

}  // namespace gvcpanel::estimators
