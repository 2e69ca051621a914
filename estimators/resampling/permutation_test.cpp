#include "estimators/resampling/permutation_test.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "data/error.hpp"
#include "estimators/resampling/replicates.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

// The r-th subset of `m` of the `n` positions in lexicographic order (combinatorial number system).
std::vector<std::uint8_t> combination(std::size_t n, std::size_t m, std::uint64_t r) {
    std::vector<std::uint8_t> labels(n, 0);
    for (std::size_t i = 0; i < n && m > 0; ++i) {
        const std::uint64_t with_i = bounded_binomial(n - i - 1, m - 1, std::numeric_limits<std::uint64_t>::max() - 1);
        if (r < with_i) {
            labels[i] = 1;
            --m;
        } else {
            r -= with_i;
        }
    }
    return labels;
}

}  // namespace

std::uint64_t bounded_binomial(std::size_t n, std::size_t m, std::uint64_t cap) {
    if (m > n) return 0;
    m = std::min(m, n - m);
    // C(n, i) = C(n, i-1) (n-i+1) / i stays an integer; stop once past the cap.
    std::uint64_t value = 1;
    for (std::size_t i = 1; i <= m; ++i) {
        const std::uint64_t factor = n - i + 1;
        if (value > std::numeric_limits<std::uint64_t>::max() / factor) return cap + 1;
        value = value * factor / i;
        if (value > cap) return cap + 1;
    }
    return value;
}

PermutationResult permutation_test(const std::vector<std::uint8_t>& labels, std::size_t k,
                                   const PermutationOptions& options, const LabelStatistic& statistic) {
    if (options.permutations < 1) throw Error("--permutations must be at least 1");
    const std::size_t n = labels.size();
    const auto ones = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), std::uint8_t{1}));
    PermutationResult result;
    result.observed = statistic(labels);
    const std::uint64_t assignments = bounded_binomial(n, ones, options.permutations);
    result.enumerated = assignments <= options.permutations;

    ReplicateOptions replicate_options;
    replicate_options.replications = result.enumerated ? assignments : options.permutations;
    replicate_options.seed = options.seed;
    replicate_options.threads = options.threads;
    const auto replicates = run_replicates(k, replicate_options, [&](std::size_t r, data::Random& stream) {
        if (result.enumerated) return statistic(combination(n, ones, r));
        std::vector<std::uint8_t> permuted = labels;
        for (std::size_t i = n; i > 1; --i) std::swap(permuted[i - 1], permuted[stream.below(i)]);  // Fisher-Yates
        return statistic(permuted);
    });
    const arma::mat draws = replicates.successful();
    result.reps = draws.n_rows;
    result.failed = replicates.failed.size();
    result.p.set_size(k);
    result.p_greater.set_size(k);
    for (std::size_t j = 0; j < k; ++j) {
        // Ties within rounding count as reaching the observed value (the observed labelling itself,
        // and its mirror image, must count when enumerating).
        const double t = result.observed(j), slack = 1e-10 * std::max(1.0, std::fabs(t));
        const arma::vec d = draws.col(j);
        result.p(j) = draws.n_rows ? double(arma::accu(arma::abs(d) >= std::fabs(t) - slack)) / double(draws.n_rows) : std::nan("");
        result.p_greater(j) = draws.n_rows ? double(arma::accu(d >= t - slack)) / double(draws.n_rows) : std::nan("");
    }
    return result;
}

}  // namespace gvcpanel::estimators::resampling
