// Poisson (PPML), logit and probit with high-dimensional fixed effects by iteratively reweighted
// least squares: each step demeans the working outcome and the regressors with the IRLS weights
// (estimators/fixed_effects/demean), warm-started from the previous step's demeaned values, and solves a small
// k x k weighted least-squares problem (Correia, Guimarães and Zylkin 2020, ppmlhdfe; Bergé 2018,
// fixest's feglm). The fixed effects are never formed as dummies.
#pragma once

#include <cstddef>
#include <string>

#include "estimators/fixed_effects/demean.hpp"
#include "estimators/estimate.hpp"
#include "models/design.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::estimators {

struct GlmHdfeOptions {
    double tolerance = 1e-8;           // converged when |dev - dev_prev| / (0.1 + |dev|) < this (fixest's rule)
    std::size_t max_iterations = 100;  // IRLS steps
    double demean_tolerance = 1e-8;    // the demeaning tolerance of the last steps (looser before)
    double initial_demean_tolerance = 1e-4;  // the demeaning tolerance of the first step
    bool drop_separated = true;        // drop fixed-effect groups without outcome variation and (Poisson)
                                       //   zeros separated by regressors and effects (estimators/likelihood/regressor_separation)
    int threads = 0;                   // OpenMP threads for the demeaning; 0 = the program's setting

    // Throws gvcpanel::Error naming the field that breaks its rule.
    void validate() const;
};

// Fits `family` (poisson, logit or probit) on a design with fixed effects. The Estimate has kind
// likelihood, bread = (X~'WX~)^-1 with X~ the regressors demeaned with the weights W of the last
// step, scores s_i = w_i (y_i - mu_i) (dmu/deta)/V(mu_i) x~_i, the fitted index eta_i (effects and
// offset included), df_fe, and stats loglik, deviance, pseudo_r2 (McFadden against the
// intercept-only model, as fixest's pr2), ll_null, iterations.
// Non-convergence is recorded in converged/convergence_message.
Estimate glm_hdfe(models::Design design, models::Family family, const GlmHdfeOptions& options = {});

}  // namespace gvcpanel::estimators
