#include "measures/io_system.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/error.hpp"

namespace gvcpanel::measures {

namespace {

// The system of table t whose intermediate flows are Z (a copy, or t's own storage): what needs Z
// is computed first, then A is built in Z's storage.
IoSystem build(const IoTable& t, arma::mat Z) {
    IoSystem s;
    s.G = t.G(), s.N = t.N(), s.GN = t.GN();
    s.X = t.output;
    const arma::vec inverse_output = 1.0 / s.X;
    s.Vc = (s.X - arma::sum(Z, 0).t()) % inverse_output;
    s.Vc.elem(arma::find_nonfinite(s.Vc)).zeros();
    s.Eint.zeros(s.GN, s.G);
    for (std::size_t r = 0; r < s.G; ++r) s.Eint.col(r) = arma::sum(Z.cols(s.first(r), s.last(r)), 1);
    s.A = std::move(Z);
    s.A.each_row() %= inverse_output.t();
    s.A.elem(arma::find_nonfinite(s.A)).zeros();

    // B's blocks and column sums are needed, so B is formed: LU of I - A (dgetrf) and the inverse
    // from its factors (dgetri), in place, so the system holds A and B only.
    s.B = -s.A;
    s.B.diag() += 1.0;
    arma::blas_int n = static_cast<arma::blas_int>(s.GN), info = 0, query = -1;
    std::vector<arma::blas_int> pivots(s.GN);
    arma::lapack::getrf(&n, &n, s.B.memptr(), &n, pivots.data(), &info);
    if (info != 0)
        throw Error(t.source + ": I - A is singular, so the table has no Leontief inverse (a sector that uses more than it "
                               "produces, or a closed loop of sectors without value added?)");
    double size = 0;
    arma::lapack::getri(&n, s.B.memptr(), &n, pivots.data(), &size, &query, &info);
    arma::blas_int lwork = std::max<arma::blas_int>(static_cast<arma::blas_int>(size), n);
    std::vector<double> work(static_cast<std::size_t>(lwork));
    arma::lapack::getri(&n, s.B.memptr(), &n, pivots.data(), work.data(), &lwork, &info);
    if (info != 0) throw Error(t.source + ": I - A is singular, so the table has no Leontief inverse");

    s.va_domestic.set_size(s.GN);
    for (std::size_t c = 0; c < s.G; ++c)
        s.va_domestic.subvec(s.first(c), s.last(c)) =
            (s.Vc.subvec(s.first(c), s.last(c)).t() * s.B.submat(s.first(c), s.first(c), s.last(c), s.last(c))).t();
    s.va_foreign = (s.Vc.t() * s.B).t() - s.va_domestic;

    const std::size_t K = t.fd_categories.size();
    s.Y.zeros(s.GN, s.G);
    s.Efd.zeros(s.GN, s.G);
    for (std::size_t r = 0; r < s.G; ++r) {
        s.Y.col(r) = arma::sum(t.final_demand.cols(r * K, r * K + K - 1), 1);
        s.Efd.col(r) = s.Y.col(r);
    }
    s.Yd.zeros(s.GN, s.G);
    for (std::size_t c = 0; c < s.G; ++c) {
        s.Yd(arma::span(s.first(c), s.last(c)), arma::span(c)) = s.Y(arma::span(s.first(c), s.last(c)), arma::span(c));
        s.Eint(arma::span(s.first(c), s.last(c)), arma::span(c)).zeros();
        s.Efd(arma::span(s.first(c), s.last(c)), arma::span(c)).zeros();
    }
    s.Ym = s.Y - s.Yd;
    s.E = arma::sum(s.Eint + s.Efd, 1);
    return s;
}

}  // namespace

IoSystem leontief_system(const IoTable& table) { return build(table, table.intermediate); }

IoSystem leontief_system_in_place(IoTable& table) { return build(table, std::move(table.intermediate)); }

arma::mat IoSystem::Bd_times(const arma::mat& M) const {
    arma::mat out(GN, M.n_cols);
    for (std::size_t c = 0; c < G; ++c)
        out.rows(first(c), last(c)) = B.submat(first(c), first(c), last(c), last(c)) * M.rows(first(c), last(c));
    return out;
}

arma::mat IoSystem::Bm_times(const arma::mat& M) const { return B * M - Bd_times(M); }

arma::mat IoSystem::Am_times(const arma::mat& M) const {
    arma::mat out = A * M;
    for (std::size_t c = 0; c < G; ++c)
        out.rows(first(c), last(c)) -= A.submat(first(c), first(c), last(c), last(c)) * M.rows(first(c), last(c));
    return out;
}

arma::mat IoSystem::L_times(const arma::mat& M) const {
    arma::mat out(GN, M.n_cols);
    for (std::size_t c = 0; c < G; ++c) {
        const arma::mat block = arma::eye(N, N) - A.submat(first(c), first(c), last(c), last(c));
        arma::mat part;
        if (!arma::solve(part, block, M.rows(first(c), last(c)), arma::solve_opts::no_approx))
            throw Error("the domestic block of country " + std::to_string(c + 1) + " has no local Leontief inverse (I - A_d singular)");
        out.rows(first(c), last(c)) = part;
    }
    return out;
}

arma::mat IoSystem::by_own_country(const arma::vec& w) const {
    arma::mat out(GN, G, arma::fill::zeros);
    for (std::size_t c = 0; c < G; ++c) out(arma::span(first(c), last(c)), arma::span(c)) = w.subvec(first(c), last(c));
    return out;
}

arma::vec IoSystem::own_country(const arma::mat& M) const {
    arma::vec out(GN);
    for (std::size_t j = 0; j < GN; ++j) out(j) = M(j, j / N);
    return out;
}

arma::mat IoSystem::sum_by_country(const arma::mat& M) const {
    arma::mat out(G, M.n_cols);
    for (std::size_t c = 0; c < G; ++c) out.row(c) = arma::sum(M.rows(first(c), last(c)), 0);
    return out;
}

}  // namespace gvcpanel::measures
