#include "estimators/inference/bell_mccaffrey.hpp"

#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators::inference {

namespace {

// clubSandwich's matrix_power: eigenvalues at or below 10^-12 count as zero.
constexpr double kEigenFloor = 1e-12;

}  // namespace

arma::mat symmetric_power(const arma::mat& A, double p) {
    arma::vec values;
    arma::mat vectors;
    if (!arma::eig_sym(values, vectors, arma::mat(arma::symmatu(A))))
        throw Error("small-sample adjustment: the eigen-decomposition failed");
    for (auto& v : values) v = v > kEigenFloor ? std::pow(v, p) : 0.0;
    return vectors * arma::diagmat(values) * vectors.t();
}

BellMcCaffrey::BellMcCaffrey(std::vector<arma::mat> weights, std::vector<arma::mat> projected, arma::mat m_u)
    : weights_(std::move(weights)), projected_(std::move(projected)), m_u_(std::move(m_u)),
      k_(weights_.empty() ? 0 : weights_.front().n_rows) {}

double BellMcCaffrey::hotelling_nu(const arma::mat& contrasts) const {
    const arma::uword q = contrasts.n_rows, clusters = weights_.size();
    // P[s,t,j,h] = delta_jh (G_j G_j')[s,t] - (H_j M_U H_h')[s,t], G_j = C M E_j, H_j = C M E_j U_j;
    // Omega = sum_j P[., ., j, j] standardises them (clubSandwich's Wald_testing).
    std::vector<arma::mat> g(clusters), h(clusters);
    arma::mat omega(q, q, arma::fill::zeros);
    for (arma::uword j = 0; j < clusters; ++j) {
        g[j] = contrasts * weights_[j];
        h[j] = contrasts * projected_[j];
        omega += g[j] * g[j].t() - h[j] * m_u_ * h[j].t();
    }
    const arma::mat omega_root = symmetric_power(omega, -0.5);
    // With B = Omega^-1/2 P Omega^-1/2: T(a,b,c,d) = sum_jh B[a,b,j,h] B[c,d,j,h]
    //   = sum_j alpha_j(a,b) alpha_j(c,d) - alpha_j(a,b) beta_j(c,d) - alpha_j(c,d) beta_j(a,b)
    //     + tr(R_bd M_U R_ca M_U), alpha_j = G~_j G~_j', beta_j = H~_j M_U H~_j', R_xy = sum_j h~_xj h~_yj'.
    std::vector<arma::mat> alpha(clusters), beta(clusters);
    std::vector<arma::mat> r(q * q, arma::mat(m_u_.n_rows, m_u_.n_rows, arma::fill::zeros));
    for (arma::uword j = 0; j < clusters; ++j) {
        const arma::mat gt = omega_root * g[j], ht = omega_root * h[j];
        alpha[j] = gt * gt.t();
        beta[j] = ht * m_u_ * ht.t();
        for (arma::uword x = 0; x < q; ++x)
            for (arma::uword y = 0; y < q; ++y) r[x * q + y] += ht.row(x).t() * ht.row(y);
    }
    const auto T = [&](arma::uword a, arma::uword b, arma::uword c, arma::uword d) {
        double total = arma::trace(r[b * q + d] * m_u_ * r[c * q + a] * m_u_);
        for (arma::uword j = 0; j < clusters; ++j)
            total += alpha[j](a, b) * alpha[j](c, d) - alpha[j](a, b) * beta[j](c, d) - alpha[j](c, d) * beta[j](a, b);
        return total;
    };
    double variance = 0.0;
    for (arma::uword s = 0; s < q; ++s)
        for (arma::uword t = 0; t < q; ++t) variance += T(s, t, t, s) + T(s, s, t, t);
    return static_cast<double>(q * (q + 1)) / variance;
}

double BellMcCaffrey::coefficient_df(std::size_t j) const {
    arma::mat unit(1, k_, arma::fill::zeros);
    unit(0, j) = 1.0;
    return hotelling_nu(unit);
}

TestResult htz_test(const arma::vec& coef, const arma::mat& vcov, const Restrictions& restrictions,
                    const BellMcCaffrey& reference) {
    const arma::vec discrepancy = restrictions.R * coef - restrictions.r;
    arma::mat inverse;
    const arma::mat middle = restrictions.R * vcov * restrictions.R.t();
    if (arma::rank(middle) < middle.n_rows || !arma::inv_sympd(inverse, middle))
        throw Error("--test '" + restrictions.text +
                    "': the restrictions are redundant or their variance is singular; drop the repeated ones");
    const double q = static_cast<double>(restrictions.R.n_rows);
    const double wald = arma::as_scalar(discrepancy.t() * inverse * discrepancy);
    const double nu = reference.hotelling_nu(restrictions.R);
    const double delta = std::max((nu - q + 1.0) / nu, 0.0);
    const double df = nu - q + 1.0;
    TestResult test;
    test.name = "wald";
    test.restriction = restrictions.text;
    test.stat = delta * wald / q;
    test.df = {q, df};
    test.p = df > 0.0 ? f_upper_p(test.stat, q, df) : std::nan("");
    test.extra["delta"] = delta;
    test.note = "HTZ: Hotelling's T^2 approximation with Bell-McCaffrey degrees of freedom (Pustejovsky and Tipton 2018)";
    return test;
}

}  // namespace gvcpanel::estimators::inference
