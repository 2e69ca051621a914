// Runs one ModelRequest on a table: parse the spec, build the design on the estimation sample,
// call the estimator the request names, and infer with the requested covariance. `fit` and the
// batch runner both go through here, so a model means the same thing in both.
#pragma once

#include <vector>
#include <string>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "estimators/result.hpp"
#include "models/model_spec.hpp"

namespace gvcpanel::cli {

// The spec the request describes (formula parsed, options checked), before any data is read.
models::ModelSpec model_spec(const ModelRequest& request);

// The columns to read for the request (column projection), or empty for "all".
std::vector<std::string> columns_needed(const ModelRequest& request);

// Estimates the request on `frame`. User errors are gvcpanel::Error; a fit that did not converge
// is returned with converged = false and its message.
estimators::Result run_model(const ModelRequest& request, const data::Frame& frame);

// Estimates the request once and infers it under each covariance of `vcovs` in turn (the request's
// own vcov is not used): results identical to one run_model call per vcov, for the cost of one fit.
// Runs once per vcov when the fit depends on the covariance (IV, dynamic GMM, nls) or when a
// cluster variable of some covariances could shrink the others' sample (missing values). Throws
// when any of the separate calls would.
std::vector<estimators::Result> run_model(const ModelRequest& request, const std::vector<std::string>& vcovs,
                                          const data::Frame& frame);

// The estimator names this build offers, for help texts and errors.
std::vector<std::string> estimator_names();

}  // namespace gvcpanel::cli
