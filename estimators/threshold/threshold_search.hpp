// One step of Hansen's (1999) sequential threshold search: the sum of squared residuals of the within
// regression with some thresholds held fixed and one more tried at every candidate (threshold_scan),
// under the trimming, and its minimum. The context holds what does not depend on the outcome (the sorted
// rows, the orthonormal basis of the regime-independent block and its scan geometry), so that the
// bootstrap reuses it for every replicate. Vectors are within-transformed and times sqrt(w).
#pragma once

#include <armadillo>
#include <cstdint>
#include <vector>

#include "estimators/threshold/threshold_scan.hpp"

namespace gvcpanel::estimators::threshold {

struct SearchContext {
    SortedRows rows;
    arma::mat Q0;                       // n x k0: orthonormal basis of [X, R] (within, sqrt(w))
    ScanGeometry geometry0;             // D of every candidate with the block Q0
    double df = 0;                      // N - entities: the divisor of sigma^2 (Hansen's n(T - 1))
};

// `X` (n x kx) and `R` (n x kr) within-transformed and times sqrt(w); `rows` from sort_rows.
SearchContext search_context(SortedRows rows, const arma::mat& X, const arma::mat& R, double df);

// The fixed block extended by the regime columns of thresholds held fixed (candidate indices).
struct Block {
    std::vector<std::size_t> fixed;     // candidates held fixed
    arma::mat Qc;                       // n x kr*fixed: orthonormal, orthogonal to Q0
    ScanGeometry geometry;              // D with Q0 and Qc
};

Block block_with(const SearchContext& context, std::vector<std::size_t> fixed);

// y minus its projection on the block (Q0 and Qc).
arma::vec residuals(const SearchContext& context, const Block& block, const arma::vec& y);

struct SearchStep {
    arma::vec ssr;                      // per candidate; NaN where trimmed or not identified
    std::size_t best = 0;               // the candidate of the smallest ssr (the first of ties)
    double ssr_min = 0;
};

// The search for one more threshold given the block's, on residuals `e` = residuals(context, block, y).
SearchStep search(const SearchContext& context, const Block& block, const arma::vec& e);

}  // namespace gvcpanel::estimators::threshold
