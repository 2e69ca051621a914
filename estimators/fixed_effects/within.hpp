// Least squares with absorbed fixed effects (the within estimator, any number of dimensions,
// varying slopes included; --save-fe is refused with them):
// y and X are demeaned with respect to every fixed effect, then estimated by OLS without intercept,
// with K_fe degrees of freedom absorbed. Regressors collinear with the fixed effects are dropped
// and reported. Stats: r2 (of y in levels), r2_within, r2_adj, rmse, df_resid, iterations,
// demean_change; test f_fe (the fixed effects are all zero: within fit against pooled OLS).
#pragma once

#include "estimators/fixed_effects/demean.hpp"
#include "estimators/fixed_effects/demeaned_store.hpp"
#include "estimators/estimate.hpp"
#include "estimators/fixed_effects/fe_estimates.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct WithinOptions {
    DemeanOptions demean;                  // tolerance, iterations and threads of the demeaning
    double collinearity_tolerance = 1e-7;  // a regressor whose norm after demeaning is below this
                                           //   fraction of its norm before is collinear with the FE
    bool fe_test = true;                   // compute f_fe (one pass over X to fit pooled OLS)
    DemeanedStore* demeaned_store = nullptr;  // demeaned columns shared with other fits on the sample
                                              //   (the batch runner's); nullptr = demean them here
    bool outcome_may_be_absorbed = false;  // an outcome the effects explain exactly is a fit, not an
                                           //   error (the imputation's pre-trend on untreated rows)

    void validate() const;
};

Estimate within(models::Design design, const WithinOptions& options = {});

// As above, and the fixed-effect estimates for --save-fe.
Estimate within(models::Design design, const WithinOptions& options,
                FixedEffectEstimates& fixed_effects);

}  // namespace gvcpanel::estimators
