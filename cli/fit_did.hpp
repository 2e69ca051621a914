// `--estimator cs` (Callaway-Sant'Anna) and `--estimator did-imputation` (Borusyak, Jaravel and
// Spiess): the request's staggered-design options (--cohort, --control, --anticipation,
// --did-method, --base-period, --agg, --min-e, --max-e, --bootstrap, --seed, --time, --horizons)
// turned into the estimators' options, the design built on the formula's outcome and covariates.
#pragma once

#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "estimators/estimate.hpp"
#include "estimators/infer.hpp"
#include "estimators/result.hpp"
#include "models/model_spec.hpp"

namespace gvcpanel::cli {

bool is_staggered_estimator(const std::string& estimator);

// The columns the staggered options name (cohort, time), for the reader's column projection.
std::vector<std::string> staggered_columns(const ModelRequest& request);

// The inference options of a fitted linear model with its event-study rows and tests: sunab()'s
// aggregation (--agg) and pre-trend test, or the pre-trend test of an i(rel, ref = -1) event study.
// --agg on any other model is an Error.
estimators::InferenceOptions event_study_inference(const estimators::Estimate& estimate, const models::ModelSpec& spec,
                                                   const ModelRequest& request, estimators::InferenceOptions options);

// `panel`: the request's panel index, or nullptr without --panel.
estimators::Result fit_staggered(const models::ModelSpec& spec, const ModelRequest& request,
                                 const data::Frame& frame, const data::PanelIndex* panel);

}  // namespace gvcpanel::cli
