// `--estimator op|lp|acf|wrdg` (production functions, docs/prodfn.md): the request's --state, --proxy,
// --control, --exit, --poly and --bootstrap turned into a ProductionPanel (the formula's rows without a
// missing value, sorted by firm and period) and the estimator of estimators/prodfn; standard errors by
// the firm bootstrap of the whole procedure (the resampling engine); --save-tfp writes omega per row.
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

bool is_prodfn_estimator(const std::string& estimator);

// The columns --proxy, --control and --exit read, for the reader's column projection.
std::vector<std::string> prodfn_columns(const ModelRequest& request);

estimators::Result fit_prodfn(const models::ModelSpec& spec, const ModelRequest& request, const data::Frame& frame,
                              const data::PanelIndex* panel, estimators::InferenceOptions inference);

}  // namespace gvcpanel::cli
