#include "estimators/spatial/spatial_panel.hpp"

#include <cmath>

#include "data/error.hpp"
#include "estimators/spatial/brent_maximum.hpp"
#include "estimators/spatial/log_determinant.hpp"

namespace gvcpanel::estimators::spatial {

namespace {

// The sizes the information matrix and the likelihood count: N T, or fewer under Lee and Yu's
// transformation (one period or one unit fewer per swept dimension).
struct Counts {
    double units, periods;
    double observations() const { return units * periods; }
};

Counts lee_yu_counts(double units, double periods, FixedEffectsKind effects) {
    if (effects == FixedEffectsKind::individual) return {units, periods - 1};
    if (effects == FixedEffectsKind::time) return {units - 1, periods};
    if (effects == FixedEffectsKind::twoways) return {units - 1, periods - 1};
    return {units, periods};
}

// The pieces of the model at given parameters, on the swept data.
struct Sweep {
    arma::vec y, Wy;
    arma::mat X, WX;
};

// The information matrix of (sigma2, spatial parameter, slopes) (Lee 2004; Elhorst 2014, eq. 3.7 and
// 3.8; splm's asyvar): with A = (I - p W)^-1 and WA = W A,
//   [NT/(2 s^4), T tr(WA)/s^2, 0; ., T (tr(WA WA) + tr(WA'WA)) + (WA X b)'(WA X b)/s^2, (X'WA X b)'/s^2; ., ., X'X/s^2]
// for the lag model; the error model has no cross term with the slopes and X* = X - lambda W X in place of X.
arma::mat information(const Sweep& data, const arma::sp_mat& W, SpatialModel model, double p, const arma::vec& beta,
                      double s2, const Counts& counts, arma::uword units) {
    const arma::mat WA = arma::solve(arma::eye(units, units) - p * arma::mat(W), arma::mat(W));
    const arma::uword k = beta.n_elem;
    arma::mat info(k + 2, k + 2, arma::fill::zeros);
    info(0, 0) = counts.observations() / (2 * s2 * s2);
    info(0, 1) = info(1, 0) = counts.periods * arma::trace(WA) / s2;
    info(1, 1) = counts.periods * (arma::accu(WA % WA.t()) + arma::accu(arma::square(WA)));
    if (model == SpatialModel::lag) {
        const arma::vec WAXb = spatial_lag(WA, data.X * beta, units);
        info(1, 1) += arma::dot(WAXb, WAXb) / s2;
        const arma::vec cross = data.X.t() * WAXb / s2;
        info.submat(2, 1, k + 1, 1) = cross;
        info.submat(1, 2, 1, k + 1) = cross.t();
        info.submat(2, 2, k + 1, k + 1) = data.X.t() * data.X / s2;
    } else {
        const arma::mat Xstar = data.X - p * data.WX;
        info.submat(2, 2, k + 1, k + 1) = Xstar.t() * Xstar / s2;
    }
    return info;
}

arma::mat inverse_information(const arma::mat& info) {
    arma::mat inverse;
    if (!arma::inv_sympd(inverse, arma::symmatu(info)) && !arma::inv(inverse, info))
        throw Error("spatial model: the information matrix is singular (collinear regressors, or W X equal to X?)");
    return inverse;
}

// Slopes, residuals and the residual sum of squares at the spatial parameter p.
struct Profile {
    arma::vec beta, e;
    double sse = 0;
};

Profile profile(const Sweep& data, SpatialModel model, double p) {
    Profile out;
    const arma::vec yp = data.y - p * data.Wy;
    if (model == SpatialModel::lag) {
        out.beta = arma::solve(data.X, yp);
        out.e = yp - data.X * out.beta;
    } else {
        const arma::mat Xp = data.X - p * data.WX;
        out.beta = arma::solve(Xp, yp);
        out.e = yp - Xp * out.beta;
    }
    out.sse = arma::dot(out.e, out.e);
    return out;
}

}  // namespace

arma::mat sweep_effects(const arma::mat& Z, arma::uword units, arma::uword periods, FixedEffectsKind effects) {
    arma::mat out = Z;
    for (arma::uword c = 0; c < Z.n_cols; ++c) {
        arma::mat block = arma::reshape(Z.col(c), units, periods);  // unit x period
        const arma::vec unit_means = arma::mean(block, 1);
        const arma::rowvec period_means = arma::mean(block, 0);
        const double grand = arma::mean(arma::vectorise(block));
        if (effects == FixedEffectsKind::individual || effects == FixedEffectsKind::twoways) block.each_col() -= unit_means;
        if (effects == FixedEffectsKind::time || effects == FixedEffectsKind::twoways) block.each_row() -= period_means;
        if (effects == FixedEffectsKind::twoways) block += grand;
        out.col(c) = arma::vectorise(block);
    }
    return out;
}

arma::mat spatial_lag(const arma::sp_mat& M, const arma::mat& Z, arma::uword units) {
    arma::mat out(Z.n_rows, Z.n_cols);
    for (arma::uword c = 0; c < Z.n_cols; ++c)
        out.col(c) = arma::vectorise(arma::mat(M * arma::reshape(Z.col(c), units, Z.n_rows / units)));
    return out;
}

arma::mat spatial_lag(const arma::mat& M, const arma::mat& Z, arma::uword units) {
    arma::mat out(Z.n_rows, Z.n_cols);
    for (arma::uword c = 0; c < Z.n_cols; ++c)
        out.col(c) = arma::vectorise(M * arma::reshape(Z.col(c), units, Z.n_rows / units));
    return out;
}

SpatialFit fit_spatial_panel(const SpatialPanel& panel, const SpatialOptions& options) {
    const arma::uword n = panel.units, T = panel.periods;
    if (panel.y.n_elem != n * T || panel.X.n_rows != n * T || panel.W.n_rows != n || panel.W.n_cols != n)
        throw Error("spatial model: " + std::to_string(panel.y.n_elem) + " observations for " + std::to_string(n) +
                    " units x " + std::to_string(T) + " periods and a " + std::to_string(panel.W.n_rows) + " x " +
                    std::to_string(panel.W.n_cols) + " W");
    if (options.lee_yu && options.effects == FixedEffectsKind::pooled)
        throw Error("--lee-yu corrects fixed-effects estimates: the formula has no fixed-effects part");
    Sweep data;
    data.y = sweep_effects(panel.y, n, T, options.effects);
    data.X = sweep_effects(panel.X, n, T, options.effects);
    data.Wy = spatial_lag(panel.W, data.y, n);
    if (options.model == SpatialModel::error) data.WX = spatial_lag(panel.W, data.X, n);
    if (arma::rank(data.X) < data.X.n_cols)
        throw Error("spatial model: the regressors are collinear once the fixed effects are swept out");

    const LogDeterminant log_det(panel.W);
    const double NT = double(n * T);
    const auto concentrated = [&](double p) {
        return double(T) * log_det(p) - NT / 2 * std::log(profile(data, options.model, p).sse);
    };
    const auto best = brent_maximum(concentrated, log_det.low(), log_det.high(), options.tolerance);
    double p = best.x;
    Profile at = profile(data, options.model, p);
    double s2 = at.sse / NT;

    SpatialFit fit;
    fit.low = log_det.low();
    fit.high = log_det.high();
    fit.evaluations = best.evaluations;
    fit.at_bound = std::min(p - fit.low, fit.high - p) < 1e-6 * (fit.high - fit.low);
    fit.loglik = double(T) * log_det(p) - NT / 2 * std::log(2 * M_PI * s2) - at.sse / (2 * s2);
    arma::vec beta = at.beta;

    const Counts full{double(n), double(T)};
    Counts counts = full;
    if (options.lee_yu) {
        counts = lee_yu_counts(double(n), double(T), options.effects);
        if (options.effects == FixedEffectsKind::twoways) {
            // Lee and Yu (2010, eq. 24), as splm: theta_1 = theta - B/n with B = -Sigma^-1 a, Sigma^-1
            // the inverse information at the direct estimates, a = (1/(2 s^2), 1/(1 - p), 0); sigma2 scaled
            // T/(T+1) as splm does.
            const arma::mat inverse = inverse_information(information(data, panel.W, options.model, p, beta, s2, full, n));
            arma::vec a(beta.n_elem + 2, arma::fill::zeros);
            a(0) = 1 / (2 * s2);
            a(1) = 1 / (1 - p);
            const arma::vec bias = -(inverse / double(n)) * a;
            s2 = double(T) / double(T + 1) * s2 + bias(0);
            p += bias(1);
            beta += bias.subvec(2, beta.n_elem + 1);
        } else {
            s2 *= full.observations() / counts.observations();
            fit.loglik = counts.periods * log_det(p) - counts.observations() / 2 * std::log(2 * M_PI * s2) - at.sse / (2 * s2);
        }
    }
    const arma::mat inverse = inverse_information(information(data, panel.W, options.model, p, beta, s2, counts, n));
    fit.names.push_back(options.model == SpatialModel::lag ? "rho" : "lambda");
    fit.names.insert(fit.names.end(), panel.names.begin(), panel.names.end());
    fit.coef = arma::join_cols(arma::vec{p}, beta);
    fit.vcov = inverse.submat(1, 1, inverse.n_rows - 1, inverse.n_cols - 1);
    fit.sigma2 = s2;
    fit.sigma2_se = std::sqrt(inverse(0, 0));
    return fit;
}

}  // namespace gvcpanel::estimators::spatial
