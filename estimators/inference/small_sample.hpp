// The small-sample pieces shared by the covariance estimators (conventions.md): K* under the
// `fixef` setting, the check that a fixed effect is nested in a cluster variable, the adj and
// cluster_adj defaults of each model kind, and the residual degrees of freedom N - K - K_fe.
#pragma once

#include <cstddef>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/ssc.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators::inference {

// True when every level of `effect` lies within a single level of `cluster` (same observations).
bool nested_in(const models::Grouping& effect, const models::Grouping& cluster);

// K*: `none` K; `full` K + K_fe; `nested` with clusters: K plus the fixed effects not nested in any
// of `clusters`, counted on their own with the absorbed intercept (never more than K + K_fe);
// `nested` without clusters: as `full`. K includes the coefficients partialled out before fitting
// (Estimate::k_partialled: every first-stage coefficient counts, as in plm and fixest).
std::size_t k_star(const Estimate& estimate, const Ssc& ssc,
                   const std::vector<const models::Grouping*>& clusters);

// The (N-1)/(N-K*) factor applies: explicit setting, else linear models only (conventions.md).
bool use_adj(const Estimate& estimate, const Ssc& ssc);
// The G/(G-1) factor applies: explicit setting, else every kind but GMM (plm's pgmm, xtabond2).
bool use_cluster_adj(const Estimate& estimate, const Ssc& ssc);

// K_fe as `ssc` counts it: the estimate's own count (estimators/fixed_effects/fe_dof), fixest's
// (the levels minus one per dimension after the first), or the rank of the dummy matrix
// (fixef_exact).
std::size_t absorbed_df(const Estimate& estimate, const Ssc& ssc);

// N - K - K_fe (K with the partialled-out coefficients, K_fe as absorbed_df), the t and F degrees
// of freedom of linear models; NaN (normal) for the other kinds.
double residual_df(const Estimate& estimate, const Ssc& ssc);

}  // namespace gvcpanel::estimators::inference
