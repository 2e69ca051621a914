// Sums over observations whose value does not depend on the number of threads: the rows are cut
// into fixed blocks, each block is summed in order by one thread, and the block sums are added in
// block order. OpenMP's reduction clause (and any per-thread partial sum) groups the additions by
// thread instead, so the last bits of a log-likelihood or a deviance, and through them a whole
// optimisation path, would follow --threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace gvcpanel::estimators {

// Rows per block; blocks run in parallel when there are more than `kOrderedSumParallelRows` rows.
inline constexpr std::size_t kOrderedSumBlock = 4096;
inline constexpr std::size_t kOrderedSumParallelRows = 20000;

// sum_{i < n} term(i).
template <class Term>
double ordered_sum(std::size_t n, Term&& term) {
    const std::size_t blocks = (n + kOrderedSumBlock - 1) / kOrderedSumBlock;
    std::vector<double> partial(blocks, 0.0);
#pragma omp parallel for schedule(static) if (n > kOrderedSumParallelRows)
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t last = std::min(n, (b + 1) * kOrderedSumBlock);
        double sum = 0;
        for (std::size_t i = b * kOrderedSumBlock; i < last; ++i) sum += term(i);
        partial[b] = sum;
    }
    double total = 0;
    for (const double block : partial) total += block;
    return total;
}

}  // namespace gvcpanel::estimators
