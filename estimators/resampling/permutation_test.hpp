// Fisher's permutation test of differences between two groups (Fisher 1935; as the `bdiff` command
// economists use for coefficient differences): the group labels are permuted across observations,
// the statistic recomputed, and the p-value is the share of permutations whose |statistic| reaches
// the observed one. Every assignment is enumerated when there are at most `permutations` of them
// (the p-value is then exact); otherwise random permutations, replicate r drawn from its own stream
// (replicate_stream(seed, r)), so the result does not depend on the thread count.
#pragma once

#include <armadillo>
#include <cstdint>
#include <functional>
#include <vector>

namespace gvcpanel::estimators::resampling {

struct PermutationOptions {
    std::size_t permutations = 1000;  // B, or the cap below which every assignment is enumerated
    std::uint64_t seed = 1;           // --seed
    int threads = 0;                  // OpenMP threads; 0 = the program's setting
};

struct PermutationResult {
    arma::vec observed;       // k statistics on the observed labels
    arma::vec p;              // k: share with |T*| >= |T| (two-sided)
    arma::vec p_greater;      // k: share with T* >= T (one-sided, bdiff's empirical p)
    std::size_t reps = 0;     // permutations that gave a statistic
    std::size_t failed = 0;   // permutations whose statistic failed (a refit error)
    bool enumerated = false;  // every assignment was used: the p-values are exact
};

// The statistic of one labelling (0/1 per observation), k values.
using LabelStatistic = std::function<arma::vec(const std::vector<std::uint8_t>& labels)>;

// C(n, m) when it is at most `cap`, else cap + 1 (no overflow).
std::uint64_t bounded_binomial(std::size_t n, std::size_t m, std::uint64_t cap);

PermutationResult permutation_test(const std::vector<std::uint8_t>& labels, std::size_t k,
                                   const PermutationOptions& options, const LabelStatistic& statistic);

}  // namespace gvcpanel::estimators::resampling
