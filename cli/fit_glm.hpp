// Wiring of `--estimator poisson|logit|probit`: with a fixed-effects part the design goes to the
// IRLS with absorbed effects (estimators/glm_hdfe), without one to the MLE (estimators/mle).
#pragma once

#include "cli/model_request.hpp"
#include "estimators/estimate.hpp"
#include "models/design.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::cli {

estimators::Estimate fit_glm(models::Design design, models::Family family, const ModelRequest& request);

}  // namespace gvcpanel::cli
