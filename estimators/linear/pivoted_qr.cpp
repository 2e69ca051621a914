#include "estimators/linear/pivoted_qr.hpp"

#include <algorithm>
#include <string>

#include "data/error.hpp"

namespace gvcpanel::estimators {

namespace {

using arma::blas_int;

void check_info(blas_int info, const char* routine) {
    if (info != 0) throw Error(std::string("LAPACK ") + routine + " failed (info = " + std::to_string(info) + ")");
}

}  // namespace

PivotedQr::PivotedQr(arma::mat A) : factor_(std::move(A)) {
    if (factor_.n_cols == 0 || factor_.n_rows < factor_.n_cols)
        throw Error("pivoted QR of a " + std::to_string(factor_.n_rows) + " x " + std::to_string(factor_.n_cols) +
                    " matrix: needs at least as many rows as columns and one column");
    blas_int m = static_cast<blas_int>(factor_.n_rows);
    blas_int n = static_cast<blas_int>(factor_.n_cols);
    blas_int info = 0;
    std::vector<blas_int> jpvt(static_cast<std::size_t>(n), 0);
    tau_.set_size(factor_.n_cols);
    blas_int query = -1;
    double size = 0.0;
    arma::lapack::geqp3(&m, &n, factor_.memptr(), &m, jpvt.data(), tau_.memptr(), &size, &query, &info);
    check_info(info, "dgeqp3 (workspace query)");
    blas_int lwork = std::max<blas_int>(static_cast<blas_int>(size), 3 * n + 1);
    std::vector<double> work(static_cast<std::size_t>(lwork));
    arma::lapack::geqp3(&m, &n, factor_.memptr(), &m, jpvt.data(), tau_.memptr(), work.data(), &lwork, &info);
    check_info(info, "dgeqp3");
    pivot_.resize(jpvt.size());
    std::transform(jpvt.begin(), jpvt.end(), pivot_.begin(),
                   [](blas_int p) { return static_cast<arma::uword>(p - 1); });
}

arma::mat PivotedQr::r() const {
    return arma::trimatu(factor_.head_rows(factor_.n_cols));
}

arma::vec PivotedQr::apply_qt(arma::vec y) const {
    const arma::uword n = factor_.n_rows;
    for (arma::uword j = 0; j < factor_.n_cols; ++j) {
        // H_j = I - tau_j v v' with v = (0,..,0, 1, factor(j+1:n, j)).
        const double* v = factor_.colptr(j);
        double dot = y(j);
        for (arma::uword i = j + 1; i < n; ++i) dot += v[i] * y(i);
        const double scale = tau_(j) * dot;
        y(j) -= scale;
        for (arma::uword i = j + 1; i < n; ++i) y(i) -= scale * v[i];
    }
    return y;
}

arma::vec PivotedQr::apply_q(arma::vec v) const {
    const arma::uword n = factor_.n_rows;
    for (arma::uword j = factor_.n_cols; j-- > 0;) {
        const double* reflector = factor_.colptr(j);
        double dot = v(j);
        for (arma::uword i = j + 1; i < n; ++i) dot += reflector[i] * v(i);
        const double scale = tau_(j) * dot;
        v(j) -= scale;
        for (arma::uword i = j + 1; i < n; ++i) v(i) -= scale * reflector[i];
    }
    return v;
}

arma::mat PivotedQr::thin_q() && {
    blas_int m = static_cast<blas_int>(factor_.n_rows);
    blas_int n = static_cast<blas_int>(factor_.n_cols);
    blas_int info = 0;
    blas_int query = -1;
    double size = 0.0;
    arma::lapack::orgqr(&m, &n, &n, factor_.memptr(), &m, tau_.memptr(), &size, &query, &info);
    check_info(info, "dorgqr (workspace query)");
    blas_int lwork = std::max<blas_int>(static_cast<blas_int>(size), n);
    std::vector<double> work(static_cast<std::size_t>(lwork));
    arma::lapack::orgqr(&m, &n, &n, factor_.memptr(), &m, tau_.memptr(), work.data(), &lwork, &info);
    check_info(info, "dorgqr");
    return std::move(factor_);
}

}  // namespace gvcpanel::estimators
