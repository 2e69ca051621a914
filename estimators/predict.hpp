// Per-observation predictions of a fitted model on its estimation sample (--save-predictions): the
// fitted value and the residual y - fitted, the sum of the fixed effects of a model that absorbs
// them, and for likelihood models the linear index, whose response mean is the fitted value. The
// sum of the fixed effects comes from the fit itself: for least squares (OLS, IV) it is
// y - x'b - e with e the residual of the demeaned regression (the projection of y - x'b on the
// effects, equal to the sum of the --save-fe estimates of the observation's levels); for the GLMs
// with absorbed effects it is the fitted index less x'b and the offset.
#pragma once

#include <armadillo>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "models/design.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::estimators {

struct Predictions {
    std::vector<std::size_t> rows;  // frame row of each observation (the estimate's sample)
    arma::vec fitted;               // linear: x'b (+ fixed effects); likelihood: the response mean
    arma::vec residual;             // y - fitted
    arma::vec fixed_effects;        // the sum of the fixed effects (varying slopes included); empty without
    arma::vec linear_index;         // likelihood: x'b + fixed effects + offset; empty for linear models
};

// What predict() needs to know beyond the estimate: the likelihood family and Tobit's limits.
struct PredictionModel {
    std::optional<models::Family> family;  // none for the linear estimators
    double left = -INFINITY;               // tobit: censoring limits (the response mean is censored)
    double right = INFINITY;
};

// An Error for the estimators whose predictions are not offered (fd, dynamic GMM, clogit, nls,
// ordered models, saying why; any estimator not built on a design of levels, such as cs or
// threshold), naming those offered; callers check before fitting.
void require_predictions(const std::string& estimator);

// `design`: the design the estimator was given; `estimate`: its fit (its sample may be smaller:
// separated observations dropped).
Predictions predict(const models::Design& design, const Estimate& estimate, const PredictionModel& model);

}  // namespace gvcpanel::estimators
