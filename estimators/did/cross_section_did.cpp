// The repeated cross-section 2x2 estimators of DRDID 1.0.4 on one cell (drdid_rc, the locally
// efficient doubly robust one; std_ipw_did_rc; reg_did_rc): observations of the treated and the
// comparison group in a base and a post period, unlinked across periods. As in panel_did.cpp,
// every estimation effect is a nuisance score times x_i . (A M), never an n x k matrix.
#include <array>

#include "estimators/did/propensity_score.hpp"
#include "estimators/did/subset_regression.hpp"
#include "estimators/did/two_by_two.hpp"

namespace gvcpanel::estimators::did {

namespace {

constexpr double kLargestScore = 1 - 1e-16;  // as DRDID: p / (1 - p) stays finite

double mean(const arma::vec& v) { return arma::accu(v) / static_cast<double>(v.n_elem); }

TwoByTwo failed(const std::string& why) {
    TwoByTwo out;
    out.failure = why;
    return out;
}

// An outcome regression of one group in one period with its linear representation:
// factor_i x_i' A, the score of observation i (zero outside the subset).
struct Regression {
    SubsetRegression fit;
    arma::vec fitted;  // x_i' beta for every observation
    arma::vec factor;  // w_i 1{i in subset} (y_i - x_i' beta)
};

Regression regression_on(const arma::mat& Xt, const arma::vec& y, const arma::vec& subset, const arma::vec& w) {
    Regression out;
    out.fit = subset_regression(Xt, y, subset, w);
    if (!out.fit.ok) return out;
    out.fitted = row_products(Xt, out.fit.coef);
    out.factor = w % subset % (y - out.fitted);
    return out;
}

// The estimation effect of a regression in direction M: factor_i x_i' A M.
arma::vec effect(const Regression& r, const arma::mat& Xt, const arma::vec& M) {
    return r.factor % row_products(Xt, r.fit.scaled_inverse * M);
}

// eta_i - w_i * mean(eta) / mean(w): the leading term of a normalised mean's influence function.
arma::vec leading(const arma::vec& eta, const arma::vec& weight) { return eta - weight * (mean(eta) / mean(weight)); }

struct Score {
    arma::vec p;
    arma::mat hessian;  // vcov(glm) * n
    bool ok = false;
};

Score propensity(const arma::mat& Xt, const arma::vec& D, const arma::vec& w) {
    const PropensityScore fit = fit_propensity_score(Xt, D, w);
    Score out;
    if (!fit.converged) return out;
    out.p = arma::clamp(fit.fitted, 0.0, kLargestScore);
    out.hessian = fit.inverse_information * static_cast<double>(Xt.n_cols);
    out.ok = true;
    return out;
}

TwoByTwo doubly_robust(const arma::vec& y, const arma::vec& post, const arma::vec& D, const arma::mat& Xt,
                       const arma::vec& w) {
    const Score score = propensity(Xt, D, w);
    if (!score.ok) return failed("the propensity score logit did not converge");
    const arma::vec pre = 1 - post;
    const Regression cont_pre = regression_on(Xt, y, (1 - D) % pre, w);
    const Regression cont_post = regression_on(Xt, y, (1 - D) % post, w);
    const Regression treat_pre = regression_on(Xt, y, D % pre, w);
    const Regression treat_post = regression_on(Xt, y, D % post, w);
    for (const Regression* r : {&cont_pre, &cont_post, &treat_pre, &treat_post})
        if (!r->fit.ok) return failed("an outcome regression (one group in one period) is singular");
    const arma::vec& p = score.p;
    const arma::vec out_cont = post % cont_post.fitted + pre % cont_pre.fitted;

    const arma::vec w_treat_pre = w % D % pre, w_treat_post = w % D % post;
    const arma::vec odds = p / (1 - p);
    const arma::vec w_cont_pre = w % odds % (1 - D) % pre, w_cont_post = w % odds % (1 - D) % post;
    const arma::vec w_d = w % D, w_dt1 = w_d % post, w_dt0 = w_d % pre;
    const arma::vec gap_post = treat_post.fitted - cont_post.fitted, gap_pre = treat_pre.fitted - cont_pre.fitted;

    const arma::vec eta_treat_pre = w_treat_pre % (y - out_cont) / mean(w_treat_pre);
    const arma::vec eta_treat_post = w_treat_post % (y - out_cont) / mean(w_treat_post);
    const arma::vec eta_cont_pre = w_cont_pre % (y - out_cont) / mean(w_cont_pre);
    const arma::vec eta_cont_post = w_cont_post % (y - out_cont) / mean(w_cont_post);
    const arma::vec eta_d_post = w_d % gap_post / mean(w_d), eta_dt1_post = w_dt1 % gap_post / mean(w_dt1);
    const arma::vec eta_d_pre = w_d % gap_pre / mean(w_d), eta_dt0_pre = w_dt0 % gap_pre / mean(w_dt0);
    const double att_treat_pre = mean(eta_treat_pre), att_treat_post = mean(eta_treat_post);
    const double att_cont_pre = mean(eta_cont_pre), att_cont_post = mean(eta_cont_post);

    TwoByTwo out;
    out.att = (att_treat_post - att_treat_pre) - (att_cont_post - att_cont_pre) +
              (mean(eta_d_post) - mean(eta_dt1_post)) - (mean(eta_d_pre) - mean(eta_dt0_pre));

    // The treated component and the estimation effect of the control regressions on it.
    const arma::vec M1_post = -weighted_column_means(Xt, w_treat_post % post) / mean(w_treat_post);
    const arma::vec M1_pre = -weighted_column_means(Xt, w_treat_pre % pre) / mean(w_treat_pre);
    const arma::vec inf_treat = leading(eta_treat_post, w_treat_post) - leading(eta_treat_pre, w_treat_pre) +
                                effect(cont_post, Xt, M1_post) + effect(cont_pre, Xt, M1_pre);
    // The control component: the propensity score's and the control regressions' effects.
    const arma::vec M2_pre = weighted_column_means(Xt, w_cont_pre % (y - out_cont - att_cont_pre)) / mean(w_cont_pre);
    const arma::vec M2_post =
        weighted_column_means(Xt, w_cont_post % (y - out_cont - att_cont_post)) / mean(w_cont_post);
    const arma::vec M3_post = -weighted_column_means(Xt, w_cont_post % post) / mean(w_cont_post);
    const arma::vec M3_pre = -weighted_column_means(Xt, w_cont_pre % pre) / mean(w_cont_pre);
    const arma::vec inf_cont = leading(eta_cont_post, w_cont_post) - leading(eta_cont_pre, w_cont_pre) +
                               w % (D - p) % row_products(Xt, score.hessian * (M2_post - M2_pre)) +
                               effect(cont_post, Xt, M3_post) + effect(cont_pre, Xt, M3_pre);
    // The local-efficiency adjustment and the estimation effect of all four regressions on it.
    const arma::vec inf_eff = (leading(eta_d_post, w_d) - leading(eta_dt1_post, w_dt1)) -
                              (leading(eta_d_pre, w_d) - leading(eta_dt0_pre, w_dt0));
    const arma::vec mom_post = weighted_column_means(Xt, w_d / mean(w_d) - w_dt1 / mean(w_dt1));
    const arma::vec mom_pre = weighted_column_means(Xt, w_d / mean(w_d) - w_dt0 / mean(w_dt0));
    const arma::vec inf_or = (effect(treat_post, Xt, mom_post) - effect(cont_post, Xt, mom_post)) -
                             (effect(treat_pre, Xt, mom_pre) - effect(cont_pre, Xt, mom_pre));
    out.influence = inf_treat - inf_cont + inf_eff + inf_or;
    return out;
}

TwoByTwo inverse_probability(const arma::vec& y, const arma::vec& post, const arma::vec& D, const arma::mat& Xt,
                             const arma::vec& w) {
    const Score score = propensity(Xt, D, w);
    if (!score.ok) return failed("the propensity score logit did not converge");
    const arma::vec pre = 1 - post;
    const arma::vec& p = score.p;
    const arma::vec odds = p / (1 - p);
    const arma::vec w_treat_pre = w % D % pre, w_treat_post = w % D % post;
    const arma::vec w_cont_pre = w % odds % (1 - D) % pre, w_cont_post = w % odds % (1 - D) % post;
    const arma::vec eta_treat_pre = w_treat_pre % y / mean(w_treat_pre);
    const arma::vec eta_treat_post = w_treat_post % y / mean(w_treat_post);
    const arma::vec eta_cont_pre = w_cont_pre % y / mean(w_cont_pre);
    const arma::vec eta_cont_post = w_cont_post % y / mean(w_cont_post);
    const double att_cont_pre = mean(eta_cont_pre), att_cont_post = mean(eta_cont_post);

    TwoByTwo out;
    out.att = (mean(eta_treat_post) - mean(eta_treat_pre)) - (att_cont_post - att_cont_pre);
    const arma::vec M2_pre = weighted_column_means(Xt, w_cont_pre % (y - att_cont_pre)) / mean(w_cont_pre);
    const arma::vec M2_post = weighted_column_means(Xt, w_cont_post % (y - att_cont_post)) / mean(w_cont_post);
    const arma::vec inf_treat = leading(eta_treat_post, w_treat_post) - leading(eta_treat_pre, w_treat_pre);
    const arma::vec inf_cont = leading(eta_cont_post, w_cont_post) - leading(eta_cont_pre, w_cont_pre) +
                               w % (D - p) % row_products(Xt, score.hessian * (M2_post - M2_pre));
    out.influence = inf_treat - inf_cont;
    return out;
}

TwoByTwo outcome_regression(const arma::vec& y, const arma::vec& post, const arma::vec& D, const arma::mat& Xt,
                            const arma::vec& w) {
    const arma::vec pre = 1 - post;
    const Regression cont_pre = regression_on(Xt, y, (1 - D) % pre, w);
    const Regression cont_post = regression_on(Xt, y, (1 - D) % post, w);
    if (!cont_pre.fit.ok || !cont_post.fit.ok)
        return failed("an outcome regression of the comparison units (one period) is singular");
    const arma::vec w_treat_pre = w % D % pre, w_treat_post = w % D % post, w_d = w % D;
    const arma::vec predicted_change = cont_post.fitted - cont_pre.fitted;
    const double eta_treat_pre = mean(w_treat_pre % y) / mean(w_treat_pre);
    const double eta_treat_post = mean(w_treat_post % y) / mean(w_treat_post);
    const double eta_cont = mean(w_d % predicted_change) / mean(w_d);

    TwoByTwo out;
    out.att = (eta_treat_post - eta_treat_pre) - eta_cont;
    const arma::vec M1 = weighted_column_means(Xt, w_d);
    const arma::vec inf_treat = (w_treat_post % y - w_treat_post * eta_treat_post) / mean(w_treat_post) -
                                (w_treat_pre % y - w_treat_pre * eta_treat_pre) / mean(w_treat_pre);
    const arma::vec inf_control =
        (w_d % predicted_change - w_d * eta_cont + effect(cont_post, Xt, M1) - effect(cont_pre, Xt, M1)) / mean(w_d);
    out.influence = inf_treat - inf_control;
    return out;
}

}  // namespace

TwoByTwo cross_section_did(DidMethod method, const arma::vec& y, const arma::vec& post, const arma::vec& treated,
                           const arma::mat& Xt, const arma::vec& weights) {
    const arma::vec w = weights.is_empty() ? arma::vec(y.n_elem, arma::fill::ones) : weights;
    switch (method) {
        case DidMethod::dr: return doubly_robust(y, post, treated, Xt, w);
        case DidMethod::ipw: return inverse_probability(y, post, treated, Xt, w);
        case DidMethod::reg: return outcome_regression(y, post, treated, Xt, w);
    }
    return {};
}

}  // namespace gvcpanel::estimators::did
