#include "estimators/prodfn/wooldridge.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "estimators/linear/pivoted_qr.hpp"
#include "estimators/prodfn/polynomial.hpp"

namespace gvcpanel::estimators::prodfn {

namespace {

// A basis of M's columns: those a column-pivoted QR finds independent (|R_jj| above 1e-9 of the
// largest), in their original order. Z holds x and c(), which share terms (k, k^2, a gross-output
// proxy); GMM depends on the instruments' span only.
arma::mat independent_columns(const arma::mat& M) {
    const PivotedQr qr(M);
    const arma::vec diagonal = arma::abs(arma::diagvec(qr.r()));
    std::vector<arma::uword> keep;
    for (arma::uword j = 0; j < diagonal.n_elem; ++j)
        if (diagonal[j] > 1e-9 * diagonal[0]) keep.push_back(qr.pivot()[j]);
    std::sort(keep.begin(), keep.end());
    return M.cols(arma::uvec(keep));
}

// The Cholesky factor U (U'U = S) of the first step's block-diagonal S = diag(Z1'Z1, Z2'Z2).
arma::mat block_gram_root(const arma::mat& Z1, const arma::mat& Z2) {
    arma::mat U1, U2;
    if (!arma::chol(U1, Z1.t() * Z1) || !arma::chol(U2, Z2.t() * Z2))
        throw Error("wrdg: the instruments of one equation are collinear");
    arma::mat U(U1.n_rows + U2.n_rows, U1.n_cols + U2.n_cols, arma::fill::zeros);
    U.submat(0, 0, U1.n_rows - 1, U1.n_cols - 1) = U1;
    U.submat(U1.n_rows, U1.n_cols, U.n_rows - 1, U.n_cols - 1) = U2;
    return U;
}

}  // namespace

WooldridgeSystem wooldridge_system(const ProductionPanel& panel, const WooldridgeOptions& options) {
    panel.validate();
    Technology technology{panel.free_names, options.translog};
    technology.inputs.insert(technology.inputs.end(), panel.state_names.begin(), panel.state_names.end());
    const auto previous = panel.previous_rows();
    WooldridgeSystem s;
    std::vector<std::size_t> lags;
    for (std::size_t i = 0; i < panel.rows(); ++i)
        if (previous[i] != kNoLag) {
            s.rows.push_back(i);
            lags.push_back(previous[i]);
            s.firm.push_back(panel.firm[i]);
        }
    const std::size_t n = s.rows.size();
    arma::mat polynomial_inputs = arma::join_rows(panel.state, panel.proxy);
    polynomial_inputs.each_row() -= arma::mean(polynomial_inputs, 0);
    const arma::mat c = polynomial_terms(polynomial_inputs, options.poly);
    const arma::mat inputs = arma::join_rows(panel.free, panel.state);
    const arma::mat x = technology.terms(take_rows(inputs, s.rows));
    const arma::mat x_free_lagged =
        technology.terms(arma::join_rows(take_rows(panel.free, lags), take_rows(panel.state, s.rows)));
    const arma::mat c_now = take_rows(c, s.rows), c_lag = take_rows(c, lags);
    const arma::vec one(n, arma::fill::ones), zero(n, arma::fill::zeros);
    // c() in the centred state inputs and proxy: the same span with the constants, and the same b
    // (the centring's shifts of c_t and c_{t-1} go to a1 and a2), with a far better conditioned A.
    s.y = take_rows(panel.y, s.rows);
    s.X1 = arma::join_rows(arma::join_rows(one, zero), x, c_now);
    s.X2 = arma::join_rows(arma::join_rows(zero, one), x, c_lag);
    s.Z1 = independent_columns(arma::join_rows(one, x, c_now));
    s.Z2 = independent_columns(arma::join_rows(one, x_free_lagged, c_lag));
    s.terms = x.n_cols;
    s.X1_all = arma::join_rows(arma::join_rows(arma::ones(panel.rows()), arma::zeros(panel.rows())),
                               technology.terms(inputs), c);
    if (n <= s.Z1.n_cols + s.Z2.n_cols)
        throw Error("wrdg: " + std::to_string(n) + " observations with a lag for " +
                    std::to_string(s.Z1.n_cols + s.Z2.n_cols) + " instruments");
    return s;
}

WooldridgeFit wooldridge(const ProductionPanel& panel, const WooldridgeOptions& options) {
    const auto s = wooldridge_system(panel, options);
    const arma::mat A = arma::join_cols(s.Z1.t() * s.X1, s.Z2.t() * s.X2);
    const arma::vec b = arma::join_cols(s.Z1.t() * s.y, s.Z2.t() * s.y);
    // With W = S^-1 = (U'U)^-1, theta minimises |U^-T (b - A theta)|^2: least squares by QR on the
    // whitened system rather than the normal equations A'WA, which square its condition number.
    const auto solve_with = [&](const arma::mat& U) {
        const arma::mat A_white = arma::solve(arma::trimatl(arma::mat(U.t())), A);
        const arma::vec b_white = arma::solve(arma::trimatl(arma::mat(U.t())), b);
        arma::vec theta;
        if (!arma::solve(theta, A_white, b_white, arma::solve_opts::no_approx))
            throw Error("wrdg: the system does not identify the coefficients (collinear inputs or too few periods)");
        return theta;
    };
    const arma::vec step1 = solve_with(block_gram_root(s.Z1, s.Z2));

    // S from the first step's residuals, summed within firm (rows of a firm are contiguous).
    const arma::vec e1 = s.y - s.X1 * step1, e2 = s.y - s.X2 * step1;
    const arma::mat h = arma::join_rows(s.Z1.each_col() % e1, s.Z2.each_col() % e2);
    arma::mat S(h.n_cols, h.n_cols, arma::fill::zeros);
    for (std::size_t i = 0; i < h.n_rows;) {
        std::size_t j = i;
        arma::rowvec sum(h.n_cols, arma::fill::zeros);
        for (; j < h.n_rows && s.firm[j] == s.firm[i]; ++j) sum += h.row(j);
        S += sum.t() * sum;
        i = j;
    }
    arma::mat U;
    if (!arma::chol(U, S)) throw Error("wrdg: the moments' covariance is singular (fewer firms than instruments?)");
    WooldridgeFit fit;
    fit.theta = solve_with(U);
    // V = (A'S^-1 A)^-1 = R^-1 R^-T from the QR factor R of the whitened A.
    arma::mat Q, R;
    arma::qr_econ(Q, R, arma::mat(arma::solve(arma::trimatl(arma::mat(U.t())), A)));
    const arma::mat R_inverse = arma::inv(arma::trimatu(R));
    const arma::mat V = R_inverse * R_inverse.t();
    const arma::vec m_white = arma::solve(arma::trimatl(arma::mat(U.t())), arma::vec(b - A * fit.theta));
    fit.hansen = arma::dot(m_white, m_white);
    fit.hansen_df = static_cast<double>(A.n_rows) - static_cast<double>(A.n_cols);
    fit.coef = fit.theta.subvec(2, 1 + s.terms);
    fit.vcov = V.submat(2, 2, 1 + s.terms, 1 + s.terms);
    Technology technology{panel.free_names, options.translog};
    technology.inputs.insert(technology.inputs.end(), panel.state_names.begin(), panel.state_names.end());
    fit.names = technology.term_names();
    fit.rows = s.rows.size();
    fit.epsilon = panel.y - s.X1_all * fit.theta;
    fit.instruments = A.n_rows;
    return fit;
}

}  // namespace gvcpanel::estimators::prodfn
