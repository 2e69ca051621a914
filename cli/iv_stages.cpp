#include "cli/iv_stages.hpp"

#include <algorithm>
#include <optional>

#include "cli/outcome_mean.hpp"
#include "cli/resampling.hpp"
#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/inference/wald.hpp"
#include "estimators/linear/standardized.hpp"
#include "models/build_design.hpp"

namespace gvcpanel::cli {

namespace {

// The IV design's exogenous columns and its excluded instruments as regressors of `outcome`.
models::Design stage_design(const models::Design& iv, const arma::vec& outcome, const std::string& outcome_name) {
    models::Design stage;
    stage.formula = iv.formula;
    stage.outcome = outcome_name;
    stage.y = outcome;
    std::vector<arma::uword> exogenous;
    for (arma::uword j = 0; j < iv.names.size(); ++j)
        if (std::find(iv.endogenous.begin(), iv.endogenous.end(), iv.names[j]) == iv.endogenous.end()) {
            exogenous.push_back(j);
            stage.names.push_back(iv.names[j]);
        }
    stage.X = arma::join_rows(iv.X.cols(arma::uvec(exogenous)), iv.instruments);
    stage.names.insert(stage.names.end(), iv.instrument_names.begin(), iv.instrument_names.end());
    stage.has_intercept = iv.has_intercept;
    stage.weights = iv.weights;
    stage.sample = iv.sample;
    return stage;
}

// "the excluded instruments are zero" under the result's covariance; df as the covariance's tests.
estimators::TestResult instruments_test(const estimators::Estimate& estimate, const estimators::Result& result,
                                        const std::vector<std::string>& instruments,
                                        const estimators::InferenceOptions& options) {
    estimators::inference::Restrictions restrictions;
    std::vector<arma::uword> positions;
    for (const auto& name : instruments) {
        const auto it = std::find(estimate.names.begin(), estimate.names.end(), name);
        if (it == estimate.names.end()) continue;
        positions.push_back(static_cast<arma::uword>(it - estimate.names.begin()));
        restrictions.text += (restrictions.text.empty() ? "" : ", ") + name + " = 0";
    }
    restrictions.R.zeros(positions.size(), estimate.k());
    for (std::size_t q = 0; q < positions.size(); ++q) restrictions.R(q, positions[q]) = 1.0;
    restrictions.r.zeros(positions.size());
    const double df = estimators::inference::covariance(estimate, options.vcov, options.ssc).df;
    return estimators::inference::wald_test(estimate.coef, result.vcov_matrix, restrictions, df);
}

estimators::Result stage_result(models::Design design, const ModelRequest& request, const std::string& stage,
                                const std::string& test_name, const std::vector<std::string>& instruments) {
    ModelRequest ols = request;
    ols.estimator = "ols";
    ols.save_fe.clear();
    std::optional<estimators::DesignSpread> spread;
    if (request.beta) spread = estimators::design_spread(design);
    const auto options = inference_options(ols);
    const OutcomeMean outcome_mean(design, "ols");
    auto estimate = estimate_design(std::move(design), ols);
    outcome_mean.add_to(estimate);
    auto result = estimators::infer(estimate, options);
    result.stage = stage;
    if (spread) estimators::add_standardized(result, *spread);
    auto test = instruments_test(estimate, result, instruments, options);
    if (!test_name.empty()) test.name = test_name;
    if (!test.df.empty()) result.tests.push_back(std::move(test));
    return result;
}

}  // namespace

void require_iv_stages(const ModelRequest& request, const std::string& option) {
    const auto spec = model_spec(request);
    if (!spec.formula.has_iv())
        throw Error(option + ": the formula has no IV part (y ~ x | endogenous ~ instruments)");
    if (spec.estimator != "2sls" && spec.estimator != "liml" && spec.estimator != "gmm")
        throw Error(option + ": for the IV estimators 2sls, liml and gmm, not '" + spec.estimator + "'");
    if (needs_refits(request))
        throw Error(option + ": the stages are not refitted on resampled data; with --bootstrap or --vcov jackknife, "
                             "fit the first stage or the reduced form as a model of its own");
}

std::vector<estimators::Result> iv_stages(const ModelRequest& request, const data::Frame& frame, bool first_stage,
                                          bool reduced_form) {
    const auto spec = model_spec(request);
    const auto panel = panel_index(request, frame);
    const models::Design iv = models::build_design(spec, frame, panel ? &*panel : nullptr);
    std::vector<estimators::Result> results;
    if (first_stage)
        for (const auto& name : iv.endogenous) {
            const auto column = std::find(iv.names.begin(), iv.names.end(), name) - iv.names.begin();
            results.push_back(stage_result(stage_design(iv, iv.X.col(static_cast<arma::uword>(column)), name), request,
                                           "first_stage", "first_stage_f:" + name, iv.instrument_names));
        }
    if (reduced_form) results.push_back(stage_result(stage_design(iv, iv.y, iv.outcome), request, "reduced_form", "",
                                                             iv.instrument_names));
    return results;
}

}  // namespace gvcpanel::cli
