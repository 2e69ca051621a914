// Beck and Katz (1995) panel-corrected standard errors need the regressors and residuals apart,
// which the Estimate contract does not carry yet: the request is refused with a clear message.
#include "data/error.hpp"
#include "estimators/inference/covariance_types.hpp"

namespace gvcpanel::estimators::inference {

Covariance pcse_covariance(const Estimate& estimate, const Ssc&) {
    throw Error("--vcov pcse: panel-corrected standard errors are not yet supported (estimator '" +
                estimate.estimator + "'); use dk or cluster");
}

}  // namespace gvcpanel::estimators::inference
