// The data of the spatial models and tests (docs/spatial.md): the formula's design on a balanced
// panel, its rows arranged period by period with the units in the panel's order, the fixed-effects
// part (the panel's ID, TIME or both) read as the effects to sweep out, and W read from its file and
// ordered as the units (units on either side missing are refused).
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "estimators/spatial/spatial_panel.hpp"
#include "models/design.hpp"
#include "models/model_spec.hpp"

namespace gvcpanel::cli {

struct SpatialData {
    models::Design design;                        // as built (rows in the frame's order), no fixed effects
    estimators::spatial::SpatialPanel panel;      // period-major, with W
    estimators::spatial::FixedEffectsKind effects;  // from the fixed-effects part
    std::vector<std::string> period_labels;       // the periods, in order
};

// `what` names the caller in messages ("--estimator sar", "test lm_lag"). With effects, the
// intercept is dropped (it is swept out).
SpatialData spatial_data(const models::ModelSpec& spec, const data::Frame& frame, const data::PanelIndex* panel,
                         const std::string& weights_path, const std::string& what);

}  // namespace gvcpanel::cli
