// Two-stage least squares from the formula's IV part (`y ~ exog | fe | endogenous ~ instruments`),
// fixed effects partialled out. b = (Xhat'Xhat)^-1 Xhat'y with Xhat = P_Z X; the estimate is linear
// with bread (Xhat'Xhat)^-1 and scores xhat_i e_i (e = y - X b, the structural residuals), so every
// covariance type applies; the diagnostics of estimators/iv/iv_diagnostics are always reported.
#pragma once

#include "estimators/estimate.hpp"
#include "estimators/iv/iv_system.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

Estimate two_stage_least_squares(models::Design design, const IvOptions& options = {});

// Limited-information maximum likelihood, the k-class estimator with kappa the smallest root of
// |W'M_{Z1}W - kappa W'M_Z W| = 0, W = (y, X2) (Anderson and Rubin 1949; ivreg2's liml): bread
// (X'(I - kappa M_Z)X)^-1, scores from (I - kappa M_Z)X; stats.kappa. Exactly identified: 2SLS.
Estimate liml(models::Design design, const IvOptions& options = {});

// Two-step efficient GMM (Hansen 1982; ivreg2's gmm2s): weights S^-1 with S = sum z_i z_i' e_i^2
// from the 2SLS residuals (cluster sums when options.diagnostics_vcov clusters). Kind gmm: iid_vcov
// = (X'Z S^-1 Z'X)^-1, bread (X'Z S^-1 Z'X)^-1 and scores X'Z S^-1 z_i e_i for the sandwich.
Estimate iv_gmm(models::Design design, const IvOptions& options = {});

}  // namespace gvcpanel::estimators
