#include "estimators/spatial/spatial_effects.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "data/random.hpp"

namespace gvcpanel::estimators::spatial {

namespace {

// The averages the effects need at rho, and their derivatives in rho:
//   m0 = tr(A)/n, m1 = tr(A W)/n (from the eigenvalues w: sums of 1/(1 - rho w) and w/(1 - rho w));
//   t0 = 1'A 1/n, t1 = 1'A W 1/n (solves), with A = (I - rho W)^-1 and dA/drho = A W A.
struct Multipliers {
    double m0 = 0, m1 = 0, t0 = 0, t1 = 0;
    double dm0 = 0, dm1 = 0, dt0 = 0, dt1 = 0;
};

Multipliers multipliers(const arma::mat& W, const arma::cx_vec& eigenvalues, double rho) {
    const double n = double(W.n_rows);
    const arma::cx_vec inverse = 1.0 / (1.0 - rho * eigenvalues);
    Multipliers m;
    m.m0 = arma::accu(arma::real(inverse)) / n;
    m.m1 = arma::accu(arma::real(eigenvalues % inverse)) / n;
    m.dm0 = arma::accu(arma::real(eigenvalues % arma::square(inverse))) / n;
    m.dm1 = arma::accu(arma::real(arma::square(eigenvalues % inverse))) / n;
    const arma::mat B = arma::eye(W.n_rows, W.n_rows) - rho * W;
    const arma::vec ones(W.n_rows, arma::fill::ones);
    const arma::vec A1 = arma::solve(B, ones), AW1 = arma::solve(B, W * ones);
    const arma::vec AWA1 = arma::solve(B, W * A1), AWAW1 = arma::solve(B, W * AW1);
    m.t0 = arma::mean(A1);
    m.t1 = arma::mean(AW1);
    m.dt0 = arma::mean(AWA1);
    m.dt1 = arma::mean(AWAW1);
    return m;
}

// Each regressor with effects: its slope's position and its Durbin slope's (npos in a SAR).
struct Regressor {
    std::string name;
    std::size_t slope = 0, durbin = std::string::npos;
};

std::vector<Regressor> regressors(const std::vector<std::string>& names) {
    if (names.empty() || names[0] != "rho") throw Error("effects: the fit has no spatial lag (rho): --effects applies to sar and sdm");
    std::vector<Regressor> out;
    for (std::size_t j = 1; j < names.size(); ++j) {
        if (names[j] == "(Intercept)" || names[j].rfind("W:", 0) == 0) continue;
        Regressor r{names[j], j};
        const auto it = std::find(names.begin(), names.end(), "W:" + names[j]);
        if (it != names.end()) r.durbin = std::size_t(it - names.begin());
        out.push_back(r);
    }
    return out;
}

// The effects (direct, indirect, total per regressor) at the parameters `coef`.
arma::vec effects_at(const arma::mat& W, const arma::cx_vec& eigenvalues, const std::vector<Regressor>& xs,
                     const arma::vec& coef) {
    const Multipliers m = multipliers(W, eigenvalues, coef(0));
    arma::vec out(3 * xs.size());
    for (std::size_t r = 0; r < xs.size(); ++r) {
        const double b = coef(xs[r].slope), theta = xs[r].durbin == std::string::npos ? 0.0 : coef(xs[r].durbin);
        const double direct = b * m.m0 + theta * m.m1, total = b * m.t0 + theta * m.t1;
        out(3 * r) = direct;
        out(3 * r + 1) = total - direct;
        out(3 * r + 2) = total;
    }
    return out;
}

}  // namespace

SpatialEffects spatial_effects(const arma::sp_mat& W_sparse, const std::vector<std::string>& names, const arma::vec& coef,
                               const arma::mat& vcov, std::size_t draws, std::uint64_t seed) {
    const auto xs = regressors(names);
    const arma::mat W(W_sparse);
    arma::cx_vec eigenvalues;
    if (W.is_symmetric()) eigenvalues = arma::conv_to<arma::cx_vec>::from(arma::eig_sym(W));
    else if (!arma::eig_gen(eigenvalues, W)) throw Error("effects: the eigenvalues of W could not be computed");

    SpatialEffects result;
    const arma::vec point = effects_at(W, eigenvalues, xs, coef);
    const Multipliers m = multipliers(W, eigenvalues, coef(0));
    result.gradient.zeros(point.n_elem, coef.n_elem);
    for (std::size_t r = 0; r < xs.size(); ++r) {
        const double b = coef(xs[r].slope), theta = xs[r].durbin == std::string::npos ? 0.0 : coef(xs[r].durbin);
        const double d_direct = b * m.dm0 + theta * m.dm1, d_total = b * m.dt0 + theta * m.dt1;
        result.gradient(3 * r, 0) = d_direct;
        result.gradient(3 * r + 1, 0) = d_total - d_direct;
        result.gradient(3 * r + 2, 0) = d_total;
        result.gradient(3 * r, xs[r].slope) = m.m0;
        result.gradient(3 * r + 1, xs[r].slope) = m.t0 - m.m0;
        result.gradient(3 * r + 2, xs[r].slope) = m.t0;
        if (xs[r].durbin != std::string::npos) {
            result.gradient(3 * r, xs[r].durbin) = m.m1;
            result.gradient(3 * r + 1, xs[r].durbin) = m.t1 - m.m1;
            result.gradient(3 * r + 2, xs[r].durbin) = m.t1;
        }
        for (const char* kind : {"direct::", "indirect::", "total::"})
            result.rows.push_back({kind + xs[r].name, 0.0, std::nan("")});
    }
    for (std::size_t e = 0; e < point.n_elem; ++e) result.rows[e].estimate = point(e);

    result.draws = draws;
    if (draws > 0) {
        arma::mat root;
        if (!arma::chol(root, arma::symmatu(vcov), "lower"))
            throw Error("effects: the covariance of the estimates is not positive definite (no simulation)");
        data::Random random(seed);
        arma::mat simulated(draws, point.n_elem);
        arma::vec z(coef.n_elem);
        for (std::size_t d = 0; d < draws; ++d) {
            for (auto& value : z) value = random.normal();
            simulated.row(d) = effects_at(W, eigenvalues, xs, coef + root * z).t();
        }
        const arma::rowvec sd = arma::stddev(simulated, 0, 0);
        for (std::size_t e = 0; e < point.n_elem; ++e) result.rows[e].se_simulated = sd(e);
    }
    return result;
}

}  // namespace gvcpanel::estimators::spatial
