// `--estimator diff-gmm|sys-gmm`: the dynamic-panel GMM options of the request (--gmm, --iv,
// --collapse, --transform, --two-step) turned into estimators::DynamicGmmOptions, the GMM-style
// variables evaluated on every frame row (their lags may lie outside the estimation sample).
#pragma once

#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::cli {

bool is_dynamic_gmm(const std::string& estimator);

// The columns the --gmm expressions read, for the reader's column projection.
std::vector<std::string> dynamic_gmm_columns(const ModelRequest& request);

estimators::Estimate fit_dynamic_gmm(models::Design design, const data::Frame& frame,
                                     const data::PanelIndex* panel, const ModelRequest& request);

}  // namespace gvcpanel::cli
