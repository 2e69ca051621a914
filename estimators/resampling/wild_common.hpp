// What the wild cluster bootstraps of least squares (wild_bootstrap) and of IV (wild_iv_bootstrap)
// share: the terms of the cluster-robust variance with their small-sample factors, the bootstrap
// p-values of a vector of t*, the confidence interval by inverting a p-value function, and the
// test "boottest:<restriction>" with its fields and notes (docs/resampling.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/wald.hpp"
#include "estimators/resampling/wild_bootstrap.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators::resampling {

// A draw within this relative distance of the statistic ties with it (the draw that gives back the
// data reproduces the statistic up to rounding) and does not count as beyond it.
constexpr double kWildTie = 1e-10;

// Codes 0..levels-1 of the intersection of `groupings`.
struct Coded {
    std::vector<std::int32_t> codes;
    std::size_t levels = 0;
};
Coded coded(const std::vector<const models::Grouping*>& groupings);

// One term of the covariance's inclusion-exclusion over the cluster variables `errors` (one term per
// non-empty subset, their intersection), with factor sign x G/(G-1) x (N-1)/(N-K*) as --vcov cluster
// under `ssc`: variance = sum over terms of factor x sum_g s_g^2.
struct ErrorTerm {
    Coded groups;
    double factor = 1.0;
};
std::vector<ErrorTerm> error_terms(const Estimate& estimate, const std::vector<const models::Grouping*>& errors,
                                   const inference::Ssc& ssc);

struct WildPValues {
    double symmetric = 0.0, equal_tail = 0.0;
};
// p = share of |t*| beyond |t|, p_equal_tail = 2 min(share above t, share below), ties excluded.
WildPValues wild_p_values(const arma::vec& t_star, double t);

// The end of the interval on one side (`direction` -1 or +1) of `estimate` where `p_at(value)` falls
// below alpha: the distance doubled from one standard error until it does, then bisected until the
// bracket is `bisections` halvings narrower or two neighbouring doubles. NaN: it does not fall within
// 2^doublings standard errors.
double inverted_bound(const std::function<double(double)>& p_at, double estimate, double se, double alpha,
                      double direction, int bisections = 60, int doublings = 60);

// The test "boottest:<text>" with stat, p and the extra fields; `method` starts the note ("WCR wild
// cluster bootstrap-t").
struct WildOutcome {
    double stat = 0.0;
    WildPValues p;
    double low = 0.0, high = 0.0;
    std::uint64_t reps = 0;
    bool enumerated = false;
    std::size_t bootstrap_clusters = 0;
};
TestResult wild_test_result(const inference::Restrictions& restriction, const WildOptions& options,
                            const WildOutcome& outcome, const std::string& method);

}  // namespace gvcpanel::estimators::resampling
