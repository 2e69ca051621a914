// The wild restricted efficient (WRE) bootstrap of Davidson and MacKinnon (2010) for a linear
// restriction R b = r after two-stage least squares, clustered one or more ways (Roodman, MacKinnon,
// Nielsen and Webb 2019, section 6): the structural residuals u~ (2SLS restricted by R b = r; WUE: the
// unrestricted ones) and the reduced-form residuals V~ (the endogenous regressors on the instruments
// and u~) are multiplied by the same weight of their bootstrap cluster, both equations regenerated and
// 2SLS refitted, its cluster-robust t formed. Every refit is a function of per-cell sums, so a
// replicate costs O(cells L^2 + L k^2), never O(N). docs/resampling.md.
#pragma once

#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/wald.hpp"
#include "estimators/iv/iv_system.hpp"
#include "estimators/resampling/wild_bootstrap.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators::resampling {

// The test "boottest:<restriction>" as wild_cluster_bootstrap, for the 2SLS fit `estimate` of
// `system`. Errors: a joint restriction, fewer than 2 bootstrap clusters, a fixed effect not nested
// in the bootstrap clusters (the perturbed residuals would need re-demeaning).
TestResult wild_iv_bootstrap(const Estimate& estimate, const IvSystem& system, const inference::Restrictions& restriction,
                             const std::vector<const models::Grouping*>& errors,
                             const std::vector<const models::Grouping*>& bootstrap, const inference::Ssc& ssc,
                             const WildOptions& options);

}  // namespace gvcpanel::estimators::resampling
