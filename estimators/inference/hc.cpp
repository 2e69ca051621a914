// Heteroskedasticity-consistent covariances (White 1980; MacKinnon and White 1985):
// bread (sum_i u_i s_i s_i') bread with u_i = 1 (HC0, HC1), 1/(1-h_i) (HC2), 1/(1-h_i)^2 (HC3),
// s_i the score of observation i (n x k) and h_i its leverage. HC1 multiplies by N/(N-K*) for linear
// and GMM models (sandwich, Stata `robust`) and by n/(n-1) for likelihood models (Stata's ML robust).
#include "data/error.hpp"
#include "estimators/inference/covariance_types.hpp"
#include "estimators/inference/small_sample.hpp"

namespace gvcpanel::estimators::inference {

namespace {

void require_scores(const Estimate& estimate, const char* what) {
    if (estimate.scores.n_cols != estimate.k() || estimate.scores.n_rows == 0)
        throw Error(std::string(what) + " covariance: estimator '" + estimate.estimator +
                    "' supplied no per-observation scores (n x k)");
}

}  // namespace

Covariance hc_covariance(const Estimate& estimate, VcovType type, const Ssc& ssc) {
    const char* label = type == VcovType::hc0   ? "hc0"
                        : type == VcovType::hc1 ? "hc1"
                        : type == VcovType::hc2 ? "hc2"
                                                : "hc3";
    require_scores(estimate, label);
    const arma::mat& s = estimate.scores;
    arma::mat meat;
    if (type == VcovType::hc2 || type == VcovType::hc3) {
        if (estimate.leverage.n_elem != s.n_rows)
            throw Error(std::string(label) + " needs the leverage h_i of each observation, which estimator '" +
                        estimate.estimator +
                        "' does not provide (absorbed fixed effects make it undefined, as in fixest); "
                        "use hc1 or a cluster covariance");
        const arma::vec one_minus_h = 1.0 - estimate.leverage;
        if (arma::any(one_minus_h <= 0.0))
            throw Error(std::string(label) +
                        ": an observation has leverage 1 (it alone determines a coefficient); use hc1");
        const arma::vec u = type == VcovType::hc2 ? arma::vec(1.0 / one_minus_h)
                                                  : arma::vec(1.0 / arma::square(one_minus_h));
        meat = s.t() * (s.each_col() % u);
    } else {
        meat = s.t() * s;
    }
    Covariance result;
    result.matrix = sandwich(estimate.bread, meat);
    if (type == VcovType::hc1) {
        const double n = static_cast<double>(estimate.nobs);
        const double k = static_cast<double>(k_star(estimate, ssc, {}));
        // Likelihood models: n/(n-1) (Stata's ML robust), or n/(n-K*) when (N-1)/(N-K*) applies
        // (fixest's rules: G/(G-1) with G = n, times (N-1)/(N-K*)).
        const bool likelihood_n = estimate.kind == ModelKind::likelihood && !use_adj(estimate, ssc);
        result.matrix *= likelihood_n ? n / (n - 1.0) : n / (n - k);
    }
    return result;
}

}  // namespace gvcpanel::estimators::inference
