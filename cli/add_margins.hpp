// `--margins`: partial effects of a likelihood fit, with the covariance the user asked for (the
// result's vcov_matrix), added to the result JSON and the text summary. Whether the request can
// have them is checked before the fit, so that a refused request costs no estimation.
#pragma once

#include <string>

#include "estimators/estimate.hpp"
#include "estimators/result.hpp"
#include "models/design.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::cli {

// The family of `estimator` when it has partial effects on this design; an Error otherwise (not a
// likelihood estimator, Tobit or ordered, or a fixed-effects part).
models::Family margins_family(const std::string& estimator, const models::Design& design);

// Average partial effects of `fit` (fitted on `design`) with result.vcov_matrix, into result.margins.
void add_margins(estimators::Result& result, const models::Design& design, models::Family family,
                 const estimators::Estimate& fit);

}  // namespace gvcpanel::cli
