// `--bootstrap pairs|cluster:VAR[:B]` and `--vcov jackknife[:VAR]` for any estimator `fit` runs: the
// model refitted on resampled data by the engine of estimators/resampling (replicates in parallel,
// each on one thread, reproducible from --seed whatever the thread count), and infer() given the
// covariance of the replicates. Design-based estimators refit on gathered rows of their design;
// dynamic GMM and nls (which read the frame) refit on gathered rows of the frame. docs/resampling.md.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "data/frame.hpp"
#include "estimators/infer.hpp"
#include "estimators/resampling/replicates.hpp"
#include "models/design.hpp"

namespace gvcpanel::cli {

// Whether the request's covariance comes from refits (--bootstrap, or --vcov jackknife).
bool needs_refits(const ModelRequest& request);

// An Error when the scheme cannot serve `estimator`: single observations drawn for an estimator that
// relies on the panel's structure (re, be, fd, diff-gmm, sys-gmm).
void check_scheme(const ModelRequest& request, const std::string& estimator);

// The variable whose clusters are resampled (bootstrap cluster:VAR, jackknife:VAR); empty for
// observations. The design builder must materialise it (ModelSpec::clusters).
std::string resampled_variable(const ModelRequest& request);

// The plan of the design's observations: its clusters of `variable` (a cluster or fixed-effect
// grouping of the sample), or every observation.
estimators::resampling::SamplingPlan design_plan(const models::Sample& sample, const std::string& variable);

// The coefficients `names` of `fit` on the resampled design; a name the refit dropped (collinear on
// the replicate) makes the replicate fail.
estimators::resampling::Refit design_refit(const models::Design& design, const std::string& variable,
                                           const std::vector<std::string>& names,
                                           std::function<estimators::Estimate(models::Design)> fit);

// For estimators that read the frame (dynamic GMM, nls): the plan over the frame rows of the clusters
// present in the estimation sample (`sample_rows`), or over those rows; the refit runs `request`
// (its covariance iid, no refits) on the gathered frame rows, the panel entity and the cluster
// variable relabelled per drawn copy when nested in the resampled clusters.
estimators::resampling::SamplingPlan frame_plan(const data::Frame& frame, const std::vector<std::size_t>& sample_rows,
                                                const std::string& variable);
estimators::resampling::Refit frame_refit(const data::Frame& frame, const ModelRequest& request,
                                          const estimators::resampling::SamplingPlan& plan,
                                          const std::string& variable, const std::vector<std::string>& names);

// infer() of `estimate` with the covariance of the replicates the request asks for: the bootstrap's
// (normal tests; the summary with percentile, BC and BCa intervals in Result::bootstrap) or the
// jackknife's (t(G-1) for linear models).
estimators::Result infer_with_refits(const estimators::Estimate& estimate, estimators::InferenceOptions options,
                                     const ModelRequest& request, const estimators::resampling::SamplingPlan& plan,
                                     const estimators::resampling::Refit& refit);

}  // namespace gvcpanel::cli
