// Runs one ModelRequest on a table: parse the spec, build the design on the estimation sample,
// call the estimator the request names, and infer with the requested covariance. `fit` and the
// batch runner both go through here, so a model means the same thing in both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "cli/shared_work.hpp"
#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "estimators/infer.hpp"
#include "estimators/result.hpp"
#include "models/design.hpp"
#include "models/model_spec.hpp"

namespace gvcpanel::cli {

// The spec the request describes (formula parsed, options checked), before any data is read.
models::ModelSpec model_spec(const ModelRequest& request);

// The columns to read for the request (column projection), or empty for "all".
std::vector<std::string> columns_needed(const ModelRequest& request);

// The panel index of request.panel ("ID" or "ID,TIME") on `frame`; empty without --panel. The batch
// builds it once for all specifications with the same panel and passes it to run_model.
std::optional<data::PanelIndex> panel_index(const ModelRequest& request, const data::Frame& frame);

// Estimates the request on `frame`. User errors are gvcpanel::Error; a fit that did not converge
// is returned with converged = false and its message. `panel`: the frame's panel index when the
// caller has it (used when it indexes the request's panel columns); otherwise it is built here.
// `shared`: work shared with other calls on `frame` (the batch's); the result is the same without.
estimators::Result run_model(const ModelRequest& request, const data::Frame& frame,
                             const data::PanelIndex* panel = nullptr, SharedWork* shared = nullptr);

// Estimates the request once and infers it under each covariance of `vcovs` in turn (the request's
// own vcov is not used): results identical to one run_model call per vcov, for the cost of one fit.
// Runs once per vcov when the fit depends on the covariance (IV, dynamic GMM, nls) or when a
// cluster variable of some covariances could shrink the others' sample (missing values). Throws
// when any of the separate calls would.
std::vector<estimators::Result> run_model(const ModelRequest& request, const std::vector<std::string>& vcovs,
                                          const data::Frame& frame, const data::PanelIndex* panel = nullptr,
                                          SharedWork* shared = nullptr);

// An estimator this build offers and its one line for `gvcpanel fit --help`.
struct EstimatorHelp {
    std::string name;
    std::string summary;
};

// Every estimator, from the registry in run_model.cpp (design_estimators and
// estimators_handled_apart): a new estimator is added there with its line, and appears here.
std::vector<EstimatorHelp> estimator_catalog();

// The estimate of a design built elsewhere (an IV fit's first stage) by the request's estimator, one
// of those that take a design, before inference; the request's --save-fe applies.
estimators::Estimate estimate_design(models::Design design, const ModelRequest& request);

// The design of the request on `frame`, for the estimators that take a design (an Error naming the
// estimator for the others); estimate_design fits it. The equations of `fit --joint` and `mediate`.
models::Design model_design(const ModelRequest& request, const data::Frame& frame);

// The covariance, small-sample corrections and Wald tests the request asks for.
estimators::InferenceOptions inference_options(const ModelRequest& request);

// The names of estimator_catalog(), for errors.
std::vector<std::string> estimator_names();

}  // namespace gvcpanel::cli
