// The iid covariance: s^2 (X'WX)^-1 with s^2 = e'We/(N-K-K_fe) for linear models (plm, xtreg; K_fe
// as --ssc counts it), the inverse information (the bread) for likelihood models (times (N-1)/(N-K*)
// under fixest's rules, as vcov.fixest), and the estimator's own matrix when it supplies one (GMM,
// random effects).
#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/covariance_types.hpp"
#include "estimators/inference/small_sample.hpp"

namespace gvcpanel::estimators::inference {

arma::mat sandwich(const arma::mat& bread, const arma::mat& meat) {
    const arma::mat v = bread * meat * bread;
    return 0.5 * (v + v.t());
}

Covariance iid_covariance(const Estimate& estimate, const Ssc& ssc) {
    Covariance result;
    if (!estimate.iid_vcov.is_empty()) {
        result.matrix = estimate.iid_vcov;
    } else if (estimate.kind == ModelKind::gmm) {
        throw Error("estimator '" + estimate.estimator +
                    "': a GMM estimate must supply its iid covariance (Estimate::iid_vcov)");
    } else if (estimate.kind == ModelKind::linear) {
        if (!std::isfinite(estimate.sigma2))
            throw Error(estimate.estimator + ": the residual variance is not finite (no residual degrees of "
                        "freedom, or residuals too large to square), so the iid standard errors cannot be "
                        "computed; check the outcome and the regressors for huge values");
        // sigma2 was computed with the estimate's own K_fe; another count rescales its denominator.
        const double k = static_cast<double>(estimate.k() + estimate.k_partialled);
        const double n = static_cast<double>(estimate.nobs);
        const double own_df = n - k - static_cast<double>(estimate.df_fe);
        result.matrix = estimate.sigma2 * (own_df / residual_df(estimate, ssc)) * estimate.bread;
    } else {
        result.matrix = estimate.bread;
        if (estimate.kind == ModelKind::likelihood && use_adj(estimate, ssc)) {
            const double n = static_cast<double>(estimate.nobs);
            result.matrix *= (n - 1.0) / (n - static_cast<double>(k_star(estimate, ssc, {})));
        }
    }
    return result;
}

}  // namespace gvcpanel::estimators::inference
