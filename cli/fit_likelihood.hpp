// Wiring of the likelihood estimators (`--estimator logit|probit|poisson|negbin|tobit|fraclogit|
// fracprobit|ologit|oprobit`). Without a fixed-effects part the design goes to the MLE
// (estimators/likelihood/mle) with --left/--right/--info; with one, poisson, logit and probit go to the IRLS
// with absorbed effects (estimators/glm/glm_hdfe), and the other families, which have no such path,
// are refused with the dummy-variable alternative.
#pragma once

#include "cli/model_request.hpp"
#include "estimators/estimate.hpp"
#include "estimators/likelihood/mle.hpp"
#include "models/design.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::cli {

// The request's MLE options: --left/--right as numbers (tobit only), --info. A limit that is not a
// number, or a limit given for another family, is an Error naming the flag and the text.
estimators::MleOptions mle_options(const ModelRequest& request, models::Family family);

estimators::Estimate fit_likelihood(models::Design design, models::Family family,
                                    const ModelRequest& request);

}  // namespace gvcpanel::cli
