// X' diag(w) X (the Hessian and information matrices of the likelihood models, weighted Gram
// matrices of the separation checks) without forming the n x k matrix diag(w) X: the rows are taken
// in blocks that stay in cache, each block's lower triangle is accumulated with vectorised dot
// products, and the blocks run in parallel (OpenMP). Block sums are added in block order, so the
// result does not depend on the number of threads. X is n x k, one row per observation.
#pragma once

#include <armadillo>
#include <cstddef>

namespace gvcpanel::estimators {

// Rows per block: 11 columns of 1024 doubles (88 KB) stay in L2 while a block is reused.
inline constexpr std::size_t kBlockRows = 1024;

// Adds sum_{i in [first, first + rows)} w[i - first] x_i x_i' to the lower triangle of the k x k
// column-major array `lower`.
void add_block_crossproduct(const arma::mat& X, std::size_t first, std::size_t rows,
                            const double* w, double* lower);

// X' diag(w) X, symmetric k x k.
arma::mat weighted_crossproduct(const arma::mat& X, const arma::vec& w);

}  // namespace gvcpanel::estimators
