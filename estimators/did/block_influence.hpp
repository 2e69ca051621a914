// Influence functions stored by cohort block: a Callaway-Sant'Anna cell (g,t) involves only the
// units of cohort g and of its comparison cohorts, so each column keeps values on those blocks of
// units alone (a fraction of the n x cells matrix R did keeps, with no index arrays, since blocks
// are contiguous runs of units). From it: the cross-product matrix of all columns (the
// influence-function covariance) and the multiplier-bootstrap sums, both one pass over the blocks.
#pragma once

#include <armadillo>
#include <cstdint>
#include <vector>

#include "estimators/did/staggered_data.hpp"

namespace gvcpanel::estimators::did {

class BlockInfluence {
public:
    BlockInfluence() = default;
    explicit BlockInfluence(std::vector<CohortBlock> blocks) : blocks_(std::move(blocks)) {}

    // A new column, zero everywhere, with room on `blocks` (indices into the blocks, any order);
    // it is zero on every other unit. Returns its index.
    std::size_t add_column(const std::vector<std::size_t>& blocks);
    std::size_t columns() const { return columns_.size(); }
    std::size_t units() const { return blocks_.empty() ? 0 : blocks_.back().end; }

    // The column's values on the units of `block` (nullptr when the block is outside its room).
    double* segment(std::size_t column, std::size_t block);
    const double* segment(std::size_t column, std::size_t block) const;

    // sum over units of x_i x_i' for x_i the row of all columns: columns x columns.
    arma::mat cross_products() const;

    // For draws b < `draws`: sum_i s_bi x_i, with s_bi = +1 or -1 with probability 1/2 each
    // (Rademacher, as R did's multiplier bootstrap); draws x columns. A unit's signs come from
    // its own stream of data::Random seeded by (seed, unit), so they do not depend on threads.
    arma::mat rademacher_sums(std::size_t draws, std::uint64_t seed) const;

private:
    struct Column {
        std::vector<std::int64_t> offset;  // per block: where its values start, or -1
        std::vector<double> values;
    };
    std::vector<CohortBlock> blocks_;
    std::vector<Column> columns_;
};

}  // namespace gvcpanel::estimators::did
