// `--estimator sar|sem|sdm|sdem --spatial W.csv [--lee-yu]` (docs/spatial.md): the formula's design on
// a balanced panel, rows arranged period by period in W's unit order (W read and matched to the
// panel's entities), its fixed-effects part (the panel's ID, TIME or both) swept out, and the
// spatial panel model fitted by concentrated maximum likelihood (estimators/spatial).
#pragma once

#include <string>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "estimators/infer.hpp"
#include "estimators/result.hpp"
#include "models/model_spec.hpp"

namespace gvcpanel::cli {

bool is_spatial_estimator(const std::string& estimator);

estimators::Result fit_spatial(const models::ModelSpec& spec, const ModelRequest& request, const data::Frame& frame,
                               const data::PanelIndex* panel, const estimators::InferenceOptions& inference);

}  // namespace gvcpanel::cli
