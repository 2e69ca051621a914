// `--first-stage` and `--reduced-form` of an IV fit, as extra models beside it: the regression of
// each endogenous regressor on the exogenous regressors and the excluded instruments (a first
// stage), and of the outcome on them (the reduced form), on the IV fit's estimation sample with its
// fixed effects (absorbed) and weights, by OLS, inferred under the request's covariance and
// small-sample corrections. Each carries the Wald test that the excluded instruments'
// coefficients are all zero under that covariance: `first_stage_f:<x>` in a first stage (by
// Frisch-Waugh-Lovell the IV fit's own first_stage_f:<x>), `wald` in the reduced form.
#pragma once

#include <vector>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::cli {

// An Error unless the request is an IV fit (2sls, liml or gmm on a formula with an IV part);
// `option` names the flag in the message. Checked before the data are read.
void require_iv_stages(const ModelRequest& request, const std::string& option);

// The first stages (one per endogenous regressor, in the formula's order) when `first_stage`, then
// the reduced form when `reduced_form`; Result::stage says which.
std::vector<estimators::Result> iv_stages(const ModelRequest& request, const data::Frame& frame, bool first_stage,
                                          bool reduced_form);

}  // namespace gvcpanel::cli
