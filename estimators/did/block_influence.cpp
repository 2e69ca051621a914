// Cross-products and bootstrap sums block by block: within a block every column that has room
// there is a contiguous vector over the block's units, so each product is a plain dot product,
// and each pair (or draw) is summed by one thread in a fixed order: the digits do not depend on
// the thread count.
#include "estimators/did/block_influence.hpp"

#include <omp.h>

#include "data/random.hpp"

namespace gvcpanel::estimators::did {

std::size_t BlockInfluence::add_column(const std::vector<std::size_t>& blocks) {
    Column column;
    column.offset.assign(blocks_.size(), -1);
    std::size_t size = 0;
    for (std::size_t b : blocks) {
        if (column.offset[b] >= 0) continue;
        column.offset[b] = static_cast<std::int64_t>(size);
        size += blocks_[b].size();
    }
    column.values.assign(size, 0.0);
    columns_.push_back(std::move(column));
    return columns_.size() - 1;
}

double* BlockInfluence::segment(std::size_t column, std::size_t block) {
    const auto offset = columns_[column].offset[block];
    return offset < 0 ? nullptr : columns_[column].values.data() + offset;
}

const double* BlockInfluence::segment(std::size_t column, std::size_t block) const {
    const auto offset = columns_[column].offset[block];
    return offset < 0 ? nullptr : columns_[column].values.data() + offset;
}

arma::mat BlockInfluence::cross_products() const {
    const std::size_t m = columns_.size();
    arma::mat out(m, m, arma::fill::zeros);
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
        std::vector<std::size_t> present;
        for (std::size_t c = 0; c < m; ++c)
            if (segment(c, b)) present.push_back(c);
        std::vector<std::pair<std::size_t, std::size_t>> pairs;
        for (std::size_t i = 0; i < present.size(); ++i)
            for (std::size_t j = 0; j <= i; ++j) pairs.emplace_back(present[i], present[j]);
        const std::size_t size = blocks_[b].size();
        std::vector<double> dots(pairs.size());
#pragma omp parallel for schedule(dynamic, 8)
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            const double* x = segment(pairs[p].first, b);
            const double* z = segment(pairs[p].second, b);
            double sum = 0;
            for (std::size_t u = 0; u < size; ++u) sum += x[u] * z[u];
            dots[p] = sum;
        }
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            out(pairs[p].first, pairs[p].second) += dots[p];
            if (pairs[p].first != pairs[p].second) out(pairs[p].second, pairs[p].first) += dots[p];
        }
    }
    return out;
}

arma::mat BlockInfluence::rademacher_sums(std::size_t draws, std::uint64_t seed) const {
    const std::size_t m = columns_.size(), words = (draws + 63) / 64;
    arma::mat out(draws, m, arma::fill::zeros);
#pragma omp parallel
    {
        // Each thread owns a slice of the draws and walks every unit, so a sum is always formed
        // in unit order by one thread.
        const std::size_t threads = static_cast<std::size_t>(omp_get_num_threads());
        const std::size_t thread = static_cast<std::size_t>(omp_get_thread_num());
        const std::size_t first = draws * thread / threads, last = draws * (thread + 1) / threads;
        std::vector<std::uint64_t> bits(words);
        std::vector<double> sign(draws);
        std::vector<std::size_t> present;
        for (std::size_t b = 0; b < blocks_.size() && first < last; ++b) {
            present.clear();
            for (std::size_t c = 0; c < m; ++c)
                if (segment(c, b)) present.push_back(c);
            if (present.empty()) continue;
            for (std::size_t u = 0; u < blocks_[b].size(); ++u) {
                data::Random random(seed * 0x9E3779B97F4A7C15ULL + (blocks_[b].begin + u));
                for (auto& word : bits) word = random.next();
                for (std::size_t d = first; d < last; ++d) sign[d] = (bits[d / 64] >> (d % 64)) & 1 ? 1.0 : -1.0;
                for (std::size_t c : present) {
                    const double x = segment(c, b)[u];
                    if (x == 0) continue;
                    double* column = out.colptr(c);
                    for (std::size_t d = first; d < last; ++d) column[d] += sign[d] * x;
                }
            }
        }
    }
    return out;
}

}  // namespace gvcpanel::estimators::did
