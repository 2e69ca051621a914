// Conditional (fixed-effects) logit (Chamberlain 1980; Stata's clogit and xtlogit, fe; R's
// survival::clogit, method = "exact"): the likelihood of each group conditional on its number of
// ones, which does not depend on the group's effect, so the slopes are consistent for fixed T
// where logit with dummies is not (the incidental-parameter problem). The groups are the one
// dimension of the formula's fixed-effects part.
#pragma once

#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct ClogitOptions {
    int max_iterations = 100;   // Newton steps
    double tolerance = 1e-20;   // converged when g'(-H)^-1 g (the Newton decrement) < this * (1 + |loglik|)

    // Throws gvcpanel::Error naming the field that breaks its rule.
    void validate() const;
};

// Fits the conditional logit of a 0/1 outcome on the design's regressors within the groups of
// its single fixed-effects dimension. Groups where the outcome does not vary are dropped
// (dropped.separated, with a note), regressors constant within every group are dropped as
// collinear. Weights must be constant within groups (they weight the group's likelihood).
// The Estimate has kind likelihood, bread = the inverse observed information, and the scores of
// each group on the group's first row (as Stata's clogit), so `cluster` on the group variable or
// on a variable the groups nest in is the cluster-robust covariance; stats loglik, ll_null (at
// beta = 0), pseudo_r2, aic, bic, iterations, and the test lr_slopes.
Estimate clogit(models::Design design, const ClogitOptions& options = {});

}  // namespace gvcpanel::estimators
