#include "estimators/prodfn/markov_criterion.hpp"

namespace gvcpanel::estimators::prodfn {

namespace {

// P(omega_lag) and dP/d omega_lag. omega_lag is centred at phi_lag's mean, a constant: the span of
// the terms (hence xi) is unchanged and P'P is better conditioned. Exit terms as prodest's gOPLP:
// Pr, Pr^2, Pr^3, Pr w, Pr^2 w, Pr w^2.
void markov_terms(const MarkovData& data, const arma::vec& w, arma::mat& P, arma::mat& D) {
    const std::size_t n = w.n_elem;
    const bool exit = !data.exit_probability.is_empty();
    const std::size_t q = 4 + (exit ? 6 : 0) + data.controls_lag.n_cols;
    P.set_size(n, q);
    D.zeros(n, q);
    P.col(0).ones();
    P.col(1) = w;
    P.col(2) = w % w;
    P.col(3) = P.col(2) % w;
    D.col(1).ones();
    D.col(2) = 2 * w;
    D.col(3) = 3 * P.col(2);
    std::size_t c = 4;
    if (exit) {
        const arma::vec& pr = data.exit_probability;
        P.col(4) = pr;
        P.col(5) = pr % pr;
        P.col(6) = P.col(5) % pr;
        P.col(7) = pr % w;
        P.col(8) = P.col(5) % w;
        P.col(9) = pr % P.col(2);
        D.col(7) = pr;
        D.col(8) = P.col(5);
        D.col(9) = 2 * pr % w;
        c = 10;
    }
    for (arma::uword j = 0; j < data.controls_lag.n_cols; ++j) P.col(c + j) = data.controls_lag.col(j);
}

}  // namespace

MarkovEvaluation evaluate_markov(const MarkovData& data, const arma::vec& theta, bool with_jacobian) {
    MarkovEvaluation out;
    out.omega = data.phi - data.X * theta;
    const arma::vec w = data.phi_lag - data.X_lag * theta - arma::mean(data.phi_lag);
    arma::mat P, D;
    markov_terms(data, w, P, D);
    arma::mat R;
    if (!arma::chol(R, P.t() * P)) return out;
    const arma::mat Rt = R.t();
    const auto solve_gram = [&R, &Rt](const arma::mat& b) -> arma::mat {
        const arma::mat half = arma::solve(arma::trimatl(Rt), b);
        return arma::solve(arma::trimatu(R), half);
    };
    out.g = solve_gram(P.t() * out.omega);
    out.xi = out.omega - P * out.g;
    out.residuals = data.gmm() ? arma::vec(data.W_root * (data.Z.t() * out.xi)) : arma::vec(data.first_residual + out.xi);
    out.ok = out.residuals.is_finite();
    if (!with_jacobian || !out.ok) return out;

    // d xi / d theta_j = d omega_j - dP_j g - P dg_j, dg_j = (P'P)^-1 (dP_j' xi + P'(d omega_j - dP_j g)),
    // with d omega_j = -X_j and dP_j = diag(-X_lag_j) D (the product of a variable projection), so
    // dP_j g = -X_lag_j . (D g) and dP_j' xi = D' (-X_lag_j . xi): no n x q matrix per coefficient.
    const std::size_t p = theta.n_elem;
    const arma::vec Dg = D * out.g;
    arma::mat dxi(out.xi.n_elem, p);
    for (std::size_t j = 0; j < p; ++j) {
        const arma::vec dPg = -data.X_lag.col(j) % Dg;
        const arma::vec d_omega_less = -data.X.col(j) - dPg;
        const arma::vec dg = solve_gram(D.t() * (-data.X_lag.col(j) % out.xi) + P.t() * d_omega_less);
        dxi.col(j) = d_omega_less - P * dg;
    }
    out.jacobian = data.gmm() ? arma::mat(data.W_root * (data.Z.t() * dxi)) : dxi;
    return out;
}

}  // namespace gvcpanel::estimators::prodfn
