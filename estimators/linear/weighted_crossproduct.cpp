#include "estimators/linear/weighted_crossproduct.hpp"

#include <algorithm>
#include <vector>

namespace gvcpanel::estimators {

void add_block_crossproduct(const arma::mat& X, std::size_t first, std::size_t rows,
                            const double* w, double* lower) {
    const std::size_t k = X.n_cols;
    double weighted[kBlockRows];
    for (std::size_t j = 0; j < k; ++j) {
        const double* xj = X.colptr(j) + first;
        for (std::size_t i = 0; i < rows; ++i) weighted[i] = w[i] * xj[i];
        std::size_t l = j;
        // Four columns per sweep: four independent sums hide the latency of the additions.
        for (; l + 4 <= k; l += 4) {
            const double *x0 = X.colptr(l) + first, *x1 = X.colptr(l + 1) + first,
                         *x2 = X.colptr(l + 2) + first, *x3 = X.colptr(l + 3) + first;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
#pragma omp simd reduction(+ : s0, s1, s2, s3)
            for (std::size_t i = 0; i < rows; ++i) {
                s0 += weighted[i] * x0[i];
                s1 += weighted[i] * x1[i];
                s2 += weighted[i] * x2[i];
                s3 += weighted[i] * x3[i];
            }
            lower[j * k + l] += s0;
            lower[j * k + l + 1] += s1;
            lower[j * k + l + 2] += s2;
            lower[j * k + l + 3] += s3;
        }
        for (; l < k; ++l) {
            const double* xl = X.colptr(l) + first;
            double sum = 0;
#pragma omp simd reduction(+ : sum)
            for (std::size_t i = 0; i < rows; ++i) sum += weighted[i] * xl[i];
            lower[j * k + l] += sum;
        }
    }
}

arma::mat weighted_crossproduct(const arma::mat& X, const arma::vec& w) {
    const std::size_t n = X.n_rows, k = X.n_cols, blocks = (n + kBlockRows - 1) / kBlockRows;
    std::vector<double> partial(blocks * k * k, 0.0);
#pragma omp parallel for schedule(static) if (blocks > 16)
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t first = b * kBlockRows;
        add_block_crossproduct(X, first, std::min(kBlockRows, n - first), w.memptr() + first,
                               partial.data() + b * k * k);
    }
    arma::mat out(k, k, arma::fill::zeros);
    for (std::size_t b = 0; b < blocks; ++b) out += arma::mat(partial.data() + b * k * k, k, k, false, true);
    return arma::symmatl(out);
}

}  // namespace gvcpanel::estimators
