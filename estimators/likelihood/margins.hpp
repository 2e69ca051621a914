// Partial effects of binary, count and fractional models on the response mean (a probability or an
// expected count): averaged over the sample (APE) or at the regressors' means, with delta-method
// standard errors from a covariance the caller chose (iid, robust, cluster).
#pragma once

#include <armadillo>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "models/design.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::estimators {

enum class MarginsAt { average, means };

struct MarginsOptions {
    MarginsAt at = MarginsAt::average;  // average partial effects, or effects at the means
};

// One row of the table (--margins); the test statistic is normal.
struct MarginRow {
    std::string name;
    double effect = std::nan("");
    double se = std::nan("");
    double z = std::nan("");
    double p = std::nan("");
};

// Partial effects exist for logit, probit, poisson, negbin, fraclogit and fracprobit; for Tobit and
// the ordered models this is an Error naming them (callers check before fitting).
void require_partial_effects(models::Family family);

// One row per slope of `fit`: dmu/dx_j for a numeric regressor, the discrete change from 0 to 1
// for a factor level ("var::level"), as Stata's margins, dydx(*). `design` is the design the fit was
// given (its rows and columns are matched to the fit's sample and names); `vcov` is the k x k
// covariance of the coefficients (Result::vcov_matrix). Errors for ordered and Tobit models.
std::vector<MarginRow> partial_effects(const models::Design& design, models::Family family,
                                       const Estimate& fit, const arma::mat& vcov,
                                       const MarginsOptions& options = {});

// The "margins" array of the result JSON (docs/mle.md): {"name", "effect", "se", "z", "p", "at"}.
nlohmann::ordered_json margins_to_json(const std::vector<MarginRow>& rows, MarginsAt at);
// The inverse of margins_to_json; `at` is set from the rows (average when there are none).
std::vector<MarginRow> margins_from_json(const nlohmann::ordered_json& json, MarginsAt& at);

}  // namespace gvcpanel::estimators
