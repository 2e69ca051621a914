// Hansen's (1999, section 3.2) bootstrap of the threshold F tests: regressors and q held fixed, the
// residuals of the null model (k - 1 thresholds at their estimates) resampled by entity, added to its
// fitted values, and the sequential search rerun on each replicate (k thresholds found one after the
// other, as Hansen's programme). Entities are drawn among those with as many observations (every
// entity in a balanced panel). Replicate r draws from replicate_stream(seed, r) in the resampling
// engine, so the p-values do not depend on the thread count.
#pragma once

#include <armadillo>
#include <vector>

#include "estimators/threshold/threshold.hpp"
#include "estimators/threshold/threshold_search.hpp"

namespace gvcpanel::estimators::threshold {

// Fills tests[k-1].p, crit*, reps and failed for k = 1..tests.size(); `nulls[k-1]` holds the
// candidates of the null model of test k; `y` within-transformed; `entity` per row.
void bootstrap_tests(const SearchContext& context, const arma::vec& y, const std::vector<std::int32_t>& entity,
                     const std::vector<std::vector<std::size_t>>& nulls, std::vector<ThresholdTest>& tests,
                     const ThresholdOptions& options);

}  // namespace gvcpanel::estimators::threshold
