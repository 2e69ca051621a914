// The panel 2x2 estimators of DRDID 1.0.4 on one cell: outcome changes of the treated and the
// comparison units. Each influence function is the leading term plus the estimation effect of the
// nuisance parts (the control units' outcome regression, the logit propensity score), written as
// x_i . (A M) with A the nuisance's scaled inverse and M its derivative vector, so no n x k
// matrix is formed (Sant'Anna and Zhao 2020, section 3 and appendix).
#include "estimators/did/two_by_two.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "estimators/did/propensity_score.hpp"
#include "estimators/did/subset_regression.hpp"

namespace gvcpanel::estimators::did {

namespace {

// DRDID keeps the propensity score below one so that p / (1 - p) stays finite.
constexpr double kLargestScore = 1 - 1e-16;

arma::vec unit_or(const arma::vec& weights, arma::uword n) {
    return weights.is_empty() ? arma::vec(n, arma::fill::ones) : weights;
}

double mean(const arma::vec& v) { return arma::accu(v) / static_cast<double>(v.n_elem); }

struct Score {
    arma::vec fitted;    // fitted probabilities
    arma::vec p;         // clipped below one
    arma::mat hessian;   // DRDID's Hessian.ps = vcov(glm) * n
    bool ok = false;
};

Score propensity(const arma::mat& Xt, const arma::vec& treated, const arma::vec& w) {
    const PropensityScore fit = fit_propensity_score(Xt, treated, w);
    Score out;
    if (!fit.converged) return out;
    out.fitted = fit.fitted;
    out.p = arma::clamp(fit.fitted, 0.0, kLargestScore);
    out.hessian = fit.inverse_information * static_cast<double>(Xt.n_cols);
    out.ok = true;
    return out;
}

TwoByTwo failed(const std::string& why) {
    TwoByTwo out;
    out.failure = why;
    return out;
}

TwoByTwo doubly_robust(const arma::vec& dy, const arma::vec& D, const arma::mat& Xt, const arma::vec& w) {
    const Score score = propensity(Xt, D, w);
    if (!score.ok) return failed("the propensity score logit did not converge");
    const SubsetRegression regression = subset_regression(Xt, dy, 1 - D, w);
    if (!regression.ok) return failed("the comparison units' outcome regression is singular");
    const arma::vec fitted = row_products(Xt, regression.coef);
    const arma::vec residual = dy - fitted;
    const arma::vec& p = score.p;
    const arma::vec w_treat = w % D;
    const arma::vec w_cont = w % p % (1 - D) / (1 - p);
    const double mean_treat = mean(w_treat), mean_cont = mean(w_cont);
    const double eta_treat = mean(w_treat % residual) / mean_treat;
    const double eta_cont = mean(w_cont % residual) / mean_cont;

    const arma::vec ols_factor = w % (1 - D) % residual;  // the regression's score, per x_i
    const arma::vec ps_factor = w % (D - p);              // the logit's score, per x_i
    const arma::vec treat_ols = regression.scaled_inverse * weighted_column_means(Xt, w_treat);
    const arma::vec cont_ps =
        score.hessian * weighted_column_means(Xt, w_cont % (residual - eta_cont));
    const arma::vec cont_ols = regression.scaled_inverse * weighted_column_means(Xt, w_cont);

    const arma::vec inf_treat =
        (w_treat % residual - w_treat * eta_treat - ols_factor % row_products(Xt, treat_ols)) / mean_treat;
    const arma::vec inf_control = (w_cont % residual - w_cont * eta_cont + ps_factor % row_products(Xt, cont_ps) -
                                   ols_factor % row_products(Xt, cont_ols)) /
                                  mean_cont;
    TwoByTwo out;
    out.att = eta_treat - eta_cont;
    out.influence = inf_treat - inf_control;
    out.propensity = score.fitted;
    return out;
}

TwoByTwo inverse_probability(const arma::vec& dy, const arma::vec& D, const arma::mat& Xt, const arma::vec& w) {
    const Score score = propensity(Xt, D, w);
    if (!score.ok) return failed("the propensity score logit did not converge");
    const arma::vec& p = score.p;
    const arma::vec w_treat = w % D;
    const arma::vec w_cont = w % p % (1 - D) / (1 - p);
    const double mean_treat = mean(w_treat), mean_cont = mean(w_cont);
    const double eta_treat = mean(w_treat % dy) / mean_treat;
    const double eta_cont = mean(w_cont % dy) / mean_cont;
    const arma::vec cont_ps = score.hessian * weighted_column_means(Xt, w_cont % (dy - eta_cont));
    const arma::vec inf_treat = (w_treat % dy - w_treat * eta_treat) / mean_treat;
    const arma::vec inf_control =
        (w_cont % dy - w_cont * eta_cont + w % (D - p) % row_products(Xt, cont_ps)) / mean_cont;
    TwoByTwo out;
    out.att = eta_treat - eta_cont;
    out.influence = inf_treat - inf_control;
    out.propensity = score.fitted;
    return out;
}

TwoByTwo outcome_regression(const arma::vec& dy, const arma::vec& D, const arma::mat& Xt, const arma::vec& w) {
    const SubsetRegression regression = subset_regression(Xt, dy, 1 - D, w);
    if (!regression.ok) return failed("the comparison units' outcome regression is singular");
    const arma::vec fitted = row_products(Xt, regression.coef);
    const arma::vec w_treat = w % D;
    const double mean_treat = mean(w_treat);
    const double eta_treat = mean(w_treat % dy) / mean_treat;
    const double eta_cont = mean(w_treat % fitted) / mean_treat;
    const arma::vec cont_ols = regression.scaled_inverse * weighted_column_means(Xt, w_treat);
    const arma::vec inf_treat = (w_treat % dy - w_treat * eta_treat) / mean_treat;
    const arma::vec inf_control = (w_treat % fitted - w_treat * eta_cont +
                                   w % (1 - D) % (dy - fitted) % row_products(Xt, cont_ols)) /
                                  mean_treat;
    TwoByTwo out;
    out.att = eta_treat - eta_cont;
    out.influence = inf_treat - inf_control;
    return out;
}

}  // namespace

DidMethod parse_did_method(const std::string& text) {
    if (text == "dr") return DidMethod::dr;
    if (text == "ipw") return DidMethod::ipw;
    if (text == "reg") return DidMethod::reg;
    throw Error("--did-method '" + text + "': expected dr (doubly robust), ipw or reg");
}

TwoByTwo panel_did(DidMethod method, const arma::vec& change, const arma::vec& treated, const arma::mat& Xt,
                   const arma::vec& weights) {
    const arma::vec w = unit_or(weights, change.n_elem);
    switch (method) {
        case DidMethod::dr: return doubly_robust(change, treated, Xt, w);
        case DidMethod::ipw: return inverse_probability(change, treated, Xt, w);
        case DidMethod::reg: return outcome_regression(change, treated, Xt, w);
    }
    return {};
}

}  // namespace gvcpanel::estimators::did
