// The wild cluster bootstrap of a linear restriction R b = r after least squares (ols, absorbed fixed
// effects of any number, weights), clustered one or more ways: the bootstrap-t with the null imposed
// (WCR) or not (WCU), its symmetric and equal-tailed p-values and the confidence interval by test
// inversion (Cameron, Gelbach and Miller 2008; MacKinnon and Webb 2018 for bootstrap clusters finer
// than the error clusters). The fast algorithm of Roodman, MacKinnon, Nielsen and Webb (2019): after
// one pass over the data, a replicate's numerator and cluster scores are linear maps of its weights
// of size O(G (k + L)), L the levels of the fixed effects not nested in the clusters; with the null
// imposed at r every quantity is affine in r, so each replicate keeps five numbers and the p-value
// at any r costs O(B). docs/resampling.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/wald.hpp"
#include "estimators/resampling/wild_weights.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators::resampling {

struct WildOptions {
    std::uint64_t reps = 9999;          // B; every weight vector instead when their number is at most B
    WildWeights weights = WildWeights::rademacher;
    bool impose_null = true;            // WCR (true) or WCU
    std::uint64_t seed = 1;
    double level = 0.95;                // of the interval
    int threads = 0;                    // demeaning the unnested effects' dummies; 0 = all
};

// The test "boottest:<restriction>" of one restriction (one row of R): stat (the cluster-robust t of
// the fit, small-sample factors as --vcov cluster under `ssc`), p (symmetric), df empty, and extra
// p_equal_tail, ci_low, ci_high, reps, enumerated, weights, null, bootstrap_clusters. `errors`: the
// cluster variables of the covariance; `bootstrap`: the variables whose intersection the weights
// are drawn for. Errors: not least squares, a joint restriction, fewer than 2 bootstrap clusters.
TestResult wild_cluster_bootstrap(const Estimate& estimate, const inference::Restrictions& restriction,
                                  const std::vector<const models::Grouping*>& errors,
                                  const std::vector<const models::Grouping*>& bootstrap, const inference::Ssc& ssc,
                                  const WildOptions& options);

}  // namespace gvcpanel::estimators::resampling
