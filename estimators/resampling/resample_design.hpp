// The design of one replicate: the rows a Draw lists, gathered from the full design. In a cluster
// resampling, every grouping nested in the resampled clusters (fixed effects, the panel entity, the
// cluster variable itself) gets a level per drawn copy, so that two copies of a cluster are two
// clusters with their own effects (as Stata's bootstrap with idcluster()); other groupings keep
// their levels, renumbered over those present.
#pragma once

#include "estimators/resampling/sampling_plan.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators::resampling {

// `clusters`: the codes of the resampled clusters, one per observation of `design`; empty for a
// pairs resampling (nothing is relabelled).
models::Design resample_design(const models::Design& design, const Draw& draw,
                               const std::vector<std::int32_t>& clusters);

}  // namespace gvcpanel::estimators::resampling
