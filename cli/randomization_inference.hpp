// `--ri "treat:B" [--ri-strata V]`: randomization inference for the coefficient of a treatment that
// enters the model as its own column. The treatment is reassigned at the level it was assigned: the
// first --vcov cluster variable within which it is constant, else the panel entity if it is constant
// within entities, else single observations; the design's column is rewritten and the model refitted
// per reassignment (estimators/resampling/randomization). docs/resampling.md.
#pragma once

#include <functional>
#include <string>

#include "cli/model_request.hpp"
#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::cli {

struct RiRequest {
    std::string variable;
    std::uint64_t reps = 999;
};

// "treat" or "treat:B"; an Error for an empty name or a B that is not a positive whole number.
RiRequest parse_ri(const std::string& text);

// The test "ri:<treat>" of `estimate` (the fit of `design`), refitting with `fit` on one thread.
estimators::TestResult randomization_inference(const models::Design& design, const estimators::Estimate& estimate,
                                               const ModelRequest& request,
                                               const std::function<estimators::Estimate(models::Design)>& fit);

}  // namespace gvcpanel::cli
