// `--estimator threshold` (Hansen 1999, docs/threshold.md): the request's --threshold-var, --regime,
// --thresholds, --trim, --grid, --level, --bootstrap and --seed turned into the threshold search on the
// design of the formula (its fixed-effects part the absorbed entity effect); the slopes of the final
// model are the within estimator's on the regime-split regressors, so every --vcov applies to them.
#pragma once

#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "estimators/infer.hpp"
#include "estimators/result.hpp"
#include "models/model_spec.hpp"

namespace gvcpanel::cli {

bool is_threshold_estimator(const std::string& estimator);

// The columns the threshold variable reads, for the reader's column projection.
std::vector<std::string> threshold_columns(const ModelRequest& request);

estimators::Result fit_threshold(const models::ModelSpec& spec, const ModelRequest& request,
                                 const data::Frame& frame, const data::PanelIndex* panel,
                                 estimators::InferenceOptions inference);

}  // namespace gvcpanel::cli
