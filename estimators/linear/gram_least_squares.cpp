#include "estimators/linear/gram_least_squares.hpp"

#include <algorithm>
#include <vector>

namespace gvcpanel::estimators {

namespace {

// The bread (X'WX)^-1 and, for large residuals, the refined b inherit cond(X)^2 eps of relative
// error (Wampler5 loses 5 digits at cond(X) ~ 1e4); above this reciprocal condition of the scaled
// X'WX that stays below 1e-12, and no column can be collinear at the QR's tolerance.
constexpr double kMinimumReciprocalCondition = 1e-4;
// A correction below this relative size is the last: it is added without another residual pass,
// since the next one would be below cond(X)^2 eps (<= 1e-12 here) times it, under rounding. The
// residuals follow it in double (e - X dz is tiny next to e, so that is exact to rounding).
// kMaxRefinements bounds the passes.
constexpr double kLastCorrection = 1e-6;
constexpr int kMaxRefinements = 4;
// Rows per block of the residual pass: the block's fitted values stay in the L1 cache.
constexpr arma::uword kBlockRows = 2048;

// e = y - X b with X b accumulated in long double, and returns X'W e accumulated in long double.
// Blocks are summed in their order, so the result does not depend on the number of threads.
arma::vec residual_pass(const arma::mat& X, const arma::vec& y, const arma::vec& w,
                        const arma::vec& b, arma::vec& e) {
    const arma::uword n = X.n_rows, k = X.n_cols;
    const arma::uword blocks = (n + kBlockRows - 1) / kBlockRows;
    std::vector<long double> partial(blocks * k, 0.0L);
    const bool weighted = !w.is_empty();
#pragma omp parallel for schedule(static)
    for (arma::uword block = 0; block < blocks; ++block) {
        const arma::uword begin = block * kBlockRows, end = std::min(n, begin + kBlockRows);
        long double fitted[kBlockRows] = {};
        for (arma::uword j = 0; j < k; ++j) {
            const double* column = X.colptr(j);
            const long double bj = b(j);
            for (arma::uword i = begin; i < end; ++i) fitted[i - begin] += column[i] * bj;
        }
        for (arma::uword i = begin; i < end; ++i)
            e(i) = static_cast<double>(static_cast<long double>(y(i)) - fitted[i - begin]);
        for (arma::uword j = 0; j < k; ++j) {
            const double* column = X.colptr(j);
            long double cross = 0.0L;
            for (arma::uword i = begin; i < end; ++i)
                cross += column[i] * static_cast<long double>(weighted ? w(i) * e(i) : e(i));
            partial[block * k + j] = cross;
        }
    }
    arma::vec g(k);
    for (arma::uword j = 0; j < k; ++j) {
        long double total = 0.0L;
        for (arma::uword block = 0; block < blocks; ++block) total += partial[block * k + j];
        g(j) = static_cast<double>(total);
    }
    return g;
}

}  // namespace

std::optional<LeastSquaresFit> gram_least_squares(const arma::mat& X, const arma::vec& y,
                                                  const arma::vec& w, bool leverage) {
    const arma::uword k = X.n_cols;
    if (k == 0 || X.n_rows < k) return std::nullopt;
    arma::mat gram;
    arma::vec cross;
    if (w.is_empty()) {
        gram = X.t() * X;
        cross = X.t() * y;
    } else {
        const arma::vec sqrt_w = arma::sqrt(w);
        const arma::mat A = X.each_col() % sqrt_w;
        gram = A.t() * A;
        cross = A.t() * (y % sqrt_w);
    }
    const arma::vec scale = arma::sqrt(gram.diag());
    if (!scale.is_finite() || arma::any(scale == 0.0)) return std::nullopt;
    const arma::mat scaled = gram / (scale * scale.t());
    arma::mat r_scaled;
    if (!(arma::rcond(scaled) >= kMinimumReciprocalCondition) || !arma::chol(r_scaled, scaled))
        return std::nullopt;

    LeastSquaresFit fit;
    // X'WX = (R_s S)'(R_s S), so R^-1 = S^-1 R_s^-1.
    arma::mat r_inverse = arma::inv(arma::trimatu(r_scaled));
    r_inverse.each_col() /= scale;
    const auto solve = [&](const arma::vec& g) { return arma::vec(r_inverse * (r_inverse.t() * g)); };
    fit.coef = solve(cross);
    fit.residuals.set_size(X.n_rows);
    for (int step = 0; step < kMaxRefinements; ++step) {
        const arma::vec correction = solve(residual_pass(X, y, w, fit.coef, fit.residuals));
        fit.coef += correction;
        if (arma::norm(correction) <= kLastCorrection * arma::norm(fit.coef) || step + 1 == kMaxRefinements) {
            fit.residuals -= X * correction;
            break;
        }
    }
    fit.bread = r_inverse * r_inverse.t();
    if (leverage) {  // ||x_i' R^-1||^2 w_i
        fit.leverage = arma::sum(arma::square(X * r_inverse), 1);
        if (!w.is_empty()) fit.leverage %= w;
    }
    return fit;
}

}  // namespace gvcpanel::estimators
