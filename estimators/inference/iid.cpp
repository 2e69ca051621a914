// The iid covariance: s^2 (X'WX)^-1 with s^2 = e'We/(N-K-K_fe) for linear models (plm, xtreg),
// the inverse information (the bread) for likelihood models, and the estimator's own matrix when it
// supplies one (GMM, random effects).
#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/covariance_types.hpp"

namespace gvcpanel::estimators::inference {

arma::mat sandwich(const arma::mat& bread, const arma::mat& meat) {
    const arma::mat v = bread * meat * bread;
    return 0.5 * (v + v.t());
}

Covariance iid_covariance(const Estimate& estimate) {
    Covariance result;
    if (!estimate.iid_vcov.is_empty()) {
        result.matrix = estimate.iid_vcov;
    } else if (estimate.kind == ModelKind::gmm) {
        throw Error("estimator '" + estimate.estimator +
                    "': a GMM estimate must supply its iid covariance (Estimate::iid_vcov)");
    } else if (estimate.kind == ModelKind::linear) {
        if (!std::isfinite(estimate.sigma2))
            throw Error("estimator '" + estimate.estimator +
                        "': the iid covariance needs the residual variance (Estimate::sigma2)");
        result.matrix = estimate.sigma2 * estimate.bread;
    } else {
        result.matrix = estimate.bread;
    }
    return result;
}

}  // namespace gvcpanel::estimators::inference
