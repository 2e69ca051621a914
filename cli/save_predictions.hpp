// `--save-predictions FILE`: the predictions of a fit (estimators/predict) as CSV with one line per
// row of the data, in the data's order, so that the file lines up with the data file and merges on
// `row` or on the panel's id and time: `row` (the data row, from 1), the --panel id and time
// columns, `in_sample` (1 or 0), `fitted`, `residual` (y - fitted), `fe_sum` (models with fixed
// effects), `linear_index` (likelihood models). Rows outside the estimation sample (--subset,
// missing values, zero weights, singletons, separated observations) have in_sample = 0 and those
// cells empty.
#pragma once

#include <string>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::cli {

// Writes the predictions of `estimate`, fitted on `design` (the design as the estimator got it), to
// request.save_predictions.
void save_predictions(const models::Design& design, const estimators::Estimate& estimate,
                      const ModelRequest& request, const data::Frame& frame);

}  // namespace gvcpanel::cli
