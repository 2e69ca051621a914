// `fit --model A --model B [...]`: several models on one data set, each fitted as alone; with
// --joint, one system whose covariance comes from the stacked scores (suest,
// estimators/inference/suest), coefficients named [outcome]term, --test and --nlcom across them.
#pragma once

#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "estimators/estimate.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::cli {

// The request of each formula: `request` with its model replaced, and its estimator by the one of
// the same position in `estimators` (--estimator repeated, one per --model) or the only one given.
std::vector<ModelRequest> equation_requests(const ModelRequest& request, const std::vector<std::string>& formulas,
                                            const std::vector<std::string>& estimators);

// The columns the requests read (empty = every column, as columns_needed).
std::vector<std::string> columns_needed(const std::vector<ModelRequest>& requests);

// The equations (fitted apart) as one system on the union of their samples (suest), with the
// groupings of the cluster variables `clusters` ("v" or "a^b") on those rows.
estimators::Estimate joint_system(const std::vector<estimators::Estimate>& equations,
                                  const std::vector<std::string>& clusters, const data::Frame& frame);

// The equations fitted apart and inferred jointly under their (common) covariance request (hc0,
// hc1 or cluster), --test and --nlcom on the [outcome]term names; the union of their samples.
estimators::Result fit_joint(const std::vector<ModelRequest>& equations, const data::Frame& frame);

}  // namespace gvcpanel::cli
