// Maximum likelihood for the single-index nonlinear models (logit, probit, poisson, negbin, tobit,
// fraclogit, fracprobit, ologit, oprobit): separation checks, the fit, and the sandwich
// ingredients for estimators::infer (bread = the beta block of the inverse information, scores =
// the per-observation scores of beta with the ancillary parameters partialled out).
#pragma once

#include <optional>
#include <string>

#include "estimators/estimate.hpp"
#include "models/design.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::estimators {

enum class Information { observed, expected };  // the bread: observed (Stata) or expected (glm)
enum class Optimizer { newton, lbfgs };          // Newton with line search, or Ceres' L-BFGS

struct MleOptions {
    std::optional<double> left;   // tobit: lower censoring limit (default 0 when neither is given)
    std::optional<double> right;  // tobit: upper censoring limit
    Information info = Information::observed;  // --info observed|expected
    Optimizer optimizer = Optimizer::newton;   // newton (default) or lbfgs (for comparison)
    int max_iterations = 200;       // Newton steps (L-BFGS: iterations)
    double tolerance = 1e-20;       // converged when g'(-H)^-1 g (the Newton decrement) is below
    bool detect_separation = true;  // find and drop separated data (binary, count; Tobit, ordered and
                                    //   fractional: groups at one bound of the outcome throughout)

    void validate() const;
    // Parses "observed" / "expected" (--info); an unknown value is an Error listing both.
    static Information information_from_name(const std::string& name);
};

// Fits `family` on the design. Ordered models drop the intercept (the cut points take its place).
// Separated observations and the regressors that separate them are dropped and reported
// (sample.dropped.separated, dropped.collinear, notes). Numerical failure is recorded in
// converged/convergence_message; user mistakes (an outcome the family cannot take) are Errors.
Estimate mle(models::Design design, models::Family family, const MleOptions& options = {});

}  // namespace gvcpanel::estimators
