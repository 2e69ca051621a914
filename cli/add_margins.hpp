// `--margins` and `--margins-at`: partial effects of a likelihood fit, with the covariance the user
// asked for (the result's vcov_matrix), added to the result JSON and the text summary. Whether the
// request can have them is checked before the fit, so that a refused request costs no estimation.
#pragma once

#include <string>

#include "estimators/estimate.hpp"
#include "estimators/likelihood/margins.hpp"
#include "estimators/result.hpp"
#include "models/design.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::cli {

// The family of `estimator` when it has partial effects; an Error otherwise (not a likelihood
// estimator, Tobit or ordered). Absorbed fixed effects are held at their estimates.
models::Family margins_family(const std::string& estimator);

// Average partial effects of `fit` (at each point of `options.at`, if any) with
// result.vcov_matrix, into result.margins.
void add_margins(estimators::Result& result, const estimators::MarginsInput& input, models::Family family,
                 const estimators::Estimate& fit, const estimators::MarginsOptions& options);

}  // namespace gvcpanel::cli
