// Normal equations of the subset, solved through the k x k cross-product (k is the handful of
// covariates of a difference-in-differences cell). A reciprocal condition number below machine
// epsilon counts as singular, as R did's own check on the control covariates.
#include "estimators/did/subset_regression.hpp"

#include <limits>

namespace gvcpanel::estimators::did {

SubsetRegression subset_regression(const arma::mat& Xt, const arma::vec& y, const arma::vec& in_subset,
                                   const arma::vec& weights) {
    const arma::uword k = Xt.n_rows, n = Xt.n_cols;
    arma::mat cross(k, k, arma::fill::zeros);
    arma::vec right(k, arma::fill::zeros);
    for (arma::uword i = 0; i < n; ++i) {
        const double w = in_subset[i] * (weights.is_empty() ? 1.0 : weights[i]);
        if (w == 0) continue;
        const double* x = Xt.colptr(i);
        for (arma::uword a = 0; a < k; ++a) {
            right[a] += w * x[a] * y[i];
            for (arma::uword b = 0; b <= a; ++b) cross(a, b) += w * x[a] * x[b];
        }
    }
    cross = arma::symmatl(cross);
    SubsetRegression out;
    if (arma::rcond(cross) < std::numeric_limits<double>::epsilon()) return out;
    if (!arma::solve(out.coef, cross, right, arma::solve_opts::no_approx)) return out;
    if (!arma::inv_sympd(out.scaled_inverse, cross / static_cast<double>(n))) return out;
    out.ok = true;
    return out;
}

arma::vec row_products(const arma::mat& Xt, const arma::vec& v) {
    arma::vec out(Xt.n_cols);
    for (arma::uword i = 0; i < Xt.n_cols; ++i) {
        const double* x = Xt.colptr(i);
        double sum = 0;
        for (arma::uword a = 0; a < Xt.n_rows; ++a) sum += x[a] * v[a];
        out[i] = sum;
    }
    return out;
}

arma::vec weighted_column_means(const arma::mat& Xt, const arma::vec& factor) {
    arma::vec out(Xt.n_rows, arma::fill::zeros);
    for (arma::uword i = 0; i < Xt.n_cols; ++i) {
        const double f = factor[i];
        if (f == 0) continue;
        const double* x = Xt.colptr(i);
        for (arma::uword a = 0; a < Xt.n_rows; ++a) out[a] += f * x[a];
    }
    return out / static_cast<double>(Xt.n_cols);
}

}  // namespace gvcpanel::estimators::did
