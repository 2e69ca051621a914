#include "cli/mediation_fit.hpp"

#include "cli/fit_joint.hpp"
#include "cli/resampling.hpp"
#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/mediation/product_of_coefficients.hpp"

namespace gvcpanel::cli {

namespace {

using estimators::inference::VcovType;

// The rows every equation uses: a column set to 1 on the outcome equation's sample and 0 elsewhere.
constexpr const char* kSampleColumn = "mediation_sample";

std::string equation(const std::string& lhs, const std::string& rhs, const MediationRequest& request) {
    std::string text = lhs + " ~ " + rhs;
    if (!request.controls.empty()) text += " + " + request.controls;
    if (!request.fe.empty()) text += " | " + request.fe;
    return text;
}

// The equations' joint covariance: the stacked-score sandwich (suest) for robust and clustered
// covariances, or each equation's own iid covariance with none between them.
arma::mat joint_covariance(const std::vector<estimators::Estimate>& equations, const estimators::Estimate& system,
                           const estimators::InferenceOptions& options) {
    const auto type = options.vcov.type;
    if (type == VcovType::hc0 || type == VcovType::hc1 || type == VcovType::cluster)
        return estimators::inference::covariance(system, options.vcov, options.ssc).matrix;
    if (type != VcovType::iid)
        throw Error("mediate --vcov " + options.vcov.text() + ": accepted: iid, robust (hc1), hc0, cluster:VAR");
    arma::mat v(system.k(), system.k(), arma::fill::zeros);
    std::size_t offset = 0;
    for (const auto& e : equations) {
        const arma::span block(offset, offset + e.k() - 1);
        v(block, block) = estimators::inference::covariance(e, options.vcov, options.ssc).matrix;
        offset += e.k();
    }
    return v;
}

}  // namespace

std::vector<ModelRequest> mediation_equations(const MediationRequest& request) {
    if (request.treatment.empty() || request.mediators.empty() || request.outcome.empty())
        throw Error("mediate needs --treatment, at least one --mediator and --outcome");
    std::vector<ModelRequest> equations;
    std::string mediators;
    for (const auto& m : request.mediators) {
        ModelRequest one = request.options;
        one.model = equation(m, request.treatment, request);
        equations.push_back(one);
        mediators += " + " + m;
    }
    ModelRequest outcome = request.options, total = request.options;
    outcome.model = equation(request.outcome, request.treatment + mediators, request);
    total.model = equation(request.outcome, request.treatment, request);
    equations.push_back(outcome);
    equations.push_back(total);
    return equations;
}

MediationFit fit_mediation(const MediationRequest& request, const data::Frame& frame) {
    auto requests = mediation_equations(request);
    const estimators::mediation::MediationPaths paths{request.treatment, request.mediators, request.outcome};
    const std::size_t n_mediators = request.mediators.size();

    // The outcome equation uses every variable: its sample is the one of all equations.
    std::vector<models::Design> designs(requests.size());
    designs[n_mediators] = model_design(requests[n_mediators], frame);
    data::Frame common = frame;
    std::vector<double> in_sample(frame.rows(), 0.0);
    for (const auto row : designs[n_mediators].sample.rows) in_sample[row] = 1.0;
    common.set(data::Column::numeric(kSampleColumn, in_sample));
    for (std::size_t j = 0; j < requests.size(); ++j) {
        if (j == n_mediators) continue;
        requests[j].subset = std::string(kSampleColumn) + " == 1";
        designs[j] = model_design(requests[j], common);
        if (designs[j].sample.rows != designs[n_mediators].sample.rows)
            throw Error("mediate: the equation " + requests[j].model + " has " + std::to_string(designs[j].nobs()) +
                        " observations, the outcome equation " + std::to_string(designs[n_mediators].nobs()) +
                        "; every equation must use the same rows");
    }

    // The system of the mediator and outcome equations (the total equation is its consequence).
    std::vector<estimators::Estimate> equations;
    for (std::size_t j = 0; j <= n_mediators; ++j) equations.push_back(estimate_design(designs[j], requests[j]));
    auto options = inference_options(request.options);
    options.wald.clear();
    options.nlcom.clear();
    const auto system = joint_system(equations, options.vcov.clusters, common);
    const arma::mat v = joint_covariance(equations, system, options);
    const auto effects = estimators::mediation::mediation_effects(paths, system.coef, system.names);

    estimators::Estimate estimate;
    estimate.estimator = "mediation";
    estimate.kind = estimators::ModelKind::likelihood;
    estimate.formula = system.formula;
    estimate.outcome = request.outcome;
    estimate.names = effects.names;
    estimate.coef = effects.values;
    estimate.bread.zeros(effects.names.size(), effects.names.size());
    estimate.nobs = system.nobs;
    estimate.sample.dropped = designs[n_mediators].sample.dropped;
    estimate.notes = system.notes;

    MediationFit fit;
    estimators::inference::Covariance delta;
    delta.matrix = effects.jacobian * v * effects.jacobian.t();
    estimators::InferenceOptions effect_options = options;
    effect_options.supplied = delta;
    fit.effects = estimators::infer(estimate, effect_options);
    fit.effects.vcov = options.vcov.text();
    for (const auto& test : estimators::mediation::indirect_effect_tests(paths, system.coef, v, system.names))
        fit.effects.tests.push_back(test);

    if (!request.options.bootstrap.empty()) {
        const std::string variable = resampled_variable(request.options);
        std::vector<estimators::resampling::Refit> refits;
        for (std::size_t j = 0; j <= n_mediators; ++j) {
            ModelRequest one = requests[j];
            one.threads = 1;
            refits.push_back(design_refit(designs[j], variable, equations[j].names,
                                          [one](models::Design d) { return estimate_design(std::move(d), one); }));
        }
        const auto refit = [&](const estimators::resampling::Draw& draw) {
            arma::vec coef;
            for (const auto& one : refits) coef = arma::join_cols(coef, one(draw));
            return estimators::mediation::mediation_effects(paths, coef, system.names).values;
        };
        const auto plan = design_plan(designs[n_mediators].sample, variable);
        fit.effects.bootstrap = infer_with_refits(estimate, options, request.options, plan, refit).bootstrap;
    }

    fit.steps.push_back(estimators::infer(estimate_design(designs.back(), requests.back()), options));
    for (std::size_t j = 0; j <= n_mediators; ++j) fit.steps.push_back(estimators::infer(equations[j], options));
    return fit;
}

}  // namespace gvcpanel::cli
