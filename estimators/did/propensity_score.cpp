// Newton-Raphson on the weighted logit log-likelihood with step halving; stops after a step that
// moves no coefficient beyond 1e-11 of its size (quadratic convergence: the coefficients are then
// exact to rounding).
// Observations are the columns of Xt so that each one's covariates are contiguous.
#include "estimators/did/propensity_score.hpp"

#include <cmath>

namespace gvcpanel::estimators::did {

namespace {

constexpr int kMaxSteps = 100;
constexpr int kMaxHalvings = 30;
constexpr double kStepTolerance = 1e-11;      // Newton converges quadratically: the next step is ~1e-22
constexpr double kLikelihoodRounding = 1e-12;  // relative rounding of a sum of n log-likelihood terms

// log(1 + exp(eta)) without overflow.
double log1p_exp(double eta) { return eta > 0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta)); }

double logistic(double eta) {
    return eta >= 0 ? 1.0 / (1.0 + std::exp(-eta)) : std::exp(eta) / (1.0 + std::exp(eta));
}

double weight(const arma::vec& weights, arma::uword i) { return weights.is_empty() ? 1.0 : weights[i]; }

double log_likelihood(const arma::vec& eta, const arma::vec& treated, const arma::vec& weights) {
    double sum = 0;
    for (arma::uword i = 0; i < eta.n_elem; ++i)
        if (const double w = weight(weights, i); w != 0) sum += w * (treated[i] * eta[i] - log1p_exp(eta[i]));
    return sum;
}

arma::vec linear_index(const arma::mat& Xt, const arma::vec& coef) {
    arma::vec eta(Xt.n_cols);
    for (arma::uword i = 0; i < Xt.n_cols; ++i) {
        const double* x = Xt.colptr(i);
        double sum = 0;
        for (arma::uword a = 0; a < Xt.n_rows; ++a) sum += x[a] * coef[a];
        eta[i] = sum;
    }
    return eta;
}

// X' diag(w p (1 - p)) X at the probabilities of `eta`, and X' w (treated - p).
void score_and_information(const arma::mat& Xt, const arma::vec& eta, const arma::vec& treated,
                           const arma::vec& weights, arma::vec& gradient, arma::mat& information) {
    const arma::uword k = Xt.n_rows;
    gradient.zeros(k);
    information.zeros(k, k);
    for (arma::uword i = 0; i < Xt.n_cols; ++i) {
        const double w = weight(weights, i);
        if (w == 0) continue;
        const double p = logistic(eta[i]);
        const double residual = w * (treated[i] - p), curvature = w * p * (1 - p);
        const double* x = Xt.colptr(i);
        for (arma::uword a = 0; a < k; ++a) {
            gradient[a] += residual * x[a];
            for (arma::uword b = 0; b <= a; ++b) information(a, b) += curvature * x[a] * x[b];
        }
    }
    information = arma::symmatl(information);
}

}  // namespace

PropensityScore fit_propensity_score(const arma::mat& Xt, const arma::vec& treated, const arma::vec& weights) {
    PropensityScore out;
    out.coef.zeros(Xt.n_rows);
    arma::vec eta(Xt.n_cols, arma::fill::zeros), gradient;
    arma::mat information;
    double current = log_likelihood(eta, treated, weights);
    for (int step = 0; step < kMaxSteps && !out.converged; ++step) {
        score_and_information(Xt, eta, treated, weights, gradient, information);
        arma::vec direction;
        if (!arma::solve(direction, information, gradient, arma::solve_opts::no_approx) || !direction.is_finite()) break;
        // Halve only a step that loses more than the rounding of the log-likelihood: near the
        // maximum a full Newton step may "lose" a few ulps and must still be taken.
        const double slack = kLikelihoodRounding * (1 + std::abs(current));
        double scale = 1, next_value = -arma::datum::inf;
        arma::vec next, next_eta;
        for (int halving = 0; halving <= kMaxHalvings; ++halving, scale /= 2) {
            next = out.coef + scale * direction;
            next_eta = linear_index(Xt, next);
            next_value = log_likelihood(next_eta, treated, weights);
            if (next_value >= current - slack) break;
        }
        if (!(next_value >= current - slack)) break;
        out.converged = arma::all(arma::abs(next - out.coef) <= kStepTolerance * (1 + arma::abs(out.coef)));
        out.coef = std::move(next);
        eta = std::move(next_eta);
        current = next_value;
    }
    out.fitted.set_size(eta.n_elem);
    for (arma::uword i = 0; i < eta.n_elem; ++i) out.fitted[i] = logistic(eta[i]);
    score_and_information(Xt, eta, treated, weights, gradient, information);
    if (!arma::inv_sympd(out.inverse_information, information)) out.converged = false;
    return out;
}

}  // namespace gvcpanel::estimators::did
