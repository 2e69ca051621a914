// Hausman tests of fixed against random effects (Hausman 1978; Wooldridge 2010 sec. 10.7.3):
// `hausman`, the classical contrast of the two fits, as plm's phtest(fe, re); `hausman_robust`, the
// regression-based version (plm's phtest(method = "aux")), which stays valid with the covariance
// the caller gives it (by default clustered by entity).
#pragma once

#include <string>

#include "estimators/estimate.hpp"
#include "estimators/infer.hpp"
#include "estimators/panel/random_effects.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

// H = d'(V_fe - V_re)^-1 d over the slopes both fits report, d = b_fe - b_re, with each fit's iid
// covariance; chi2 with as many degrees of freedom as slopes compared.
TestResult hausman(const Estimate& fixed, const Estimate& random);

// Pooled OLS of y* on (1, X*, W X), * the RE transformation and W the within transformation of the
// same effect; Wald test that the coefficients of W X are zero under `inference` (an empty cluster
// list means: cluster by the panel entity). Named `name` ("hausman_robust").
TestResult hausman_regression(const models::Design& design, const RandomEffectsOptions& options,
                              InferenceOptions inference, const std::string& name = "hausman_robust");

}  // namespace gvcpanel::estimators
