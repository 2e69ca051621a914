#include "cli/run_model.hpp"

#include "cli/add_margins.hpp"
#include "cli/fit_dynamic_gmm.hpp"
#include "cli/fit_likelihood.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "data/error.hpp"
#include "data/names.hpp"
#include "data/panel_index.hpp"
#include "estimators/between.hpp"
#include "estimators/clogit.hpp"
#include "estimators/first_difference.hpp"
#include "estimators/infer.hpp"
#include "estimators/iv.hpp"
#include "estimators/nls.hpp"
#include "estimators/panel_diagnostics.hpp"
#include "estimators/random_effects.hpp"
#include "estimators/ols.hpp"
#include "estimators/within.hpp"
#include "models/build_design.hpp"
#include "models/columns_used.hpp"

namespace gvcpanel::cli {

namespace {

struct PanelNames {
    std::string id, time;
};

PanelNames split_panel(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos) return {text, ""};
    PanelNames names{text.substr(0, comma), text.substr(comma + 1)};
    if (names.id.empty() || names.time.empty() || names.time.find(',') != std::string::npos)
        throw Error("--panel '" + text + "': expected ID or ID,TIME");
    return names;
}

using EstimatorFunction =
    std::function<estimators::Estimate(models::Design, const ModelRequest&)>;

// `ols` with a fixed-effects part absorbs them (the within estimator), as fixest's feols does.
estimators::Estimate fit_ols(models::Design design, const ModelRequest& request) {
    if (design.sample.fixed_effects.empty()) return estimators::ols(std::move(design));
    estimators::WithinOptions options;
    options.demean.threads = request.threads;
    if (request.save_fe.empty()) return estimators::within(std::move(design), options);
    estimators::FixedEffectEstimates effects;
    auto estimate = estimators::within(std::move(design), options, effects);
    estimators::write_fixed_effects_csv(effects, request.save_fe);
    return estimate;
}

estimators::RandomEffectsOptions random_effects_options(const ModelRequest& request) {
    estimators::RandomEffectsOptions options;
    options.method = estimators::parse_re_method(request.re_method);
    options.effect = estimators::parse_effect(request.effect);
    options.mundlak = request.mundlak;
    return options;
}

estimators::Estimate fit_random_effects(models::Design design, const ModelRequest& request) {
    return estimators::random_effects(std::move(design), random_effects_options(request));
}

// IV estimators: the first-stage F tests and Hansen's weights follow the requested covariance.
estimators::IvOptions iv_options(const ModelRequest& request) {
    estimators::IvOptions options;
    options.demean.threads = request.threads;
    options.diagnostics_vcov = estimators::inference::parse_vcov(request.vcov);
    options.diagnostics_ssc = estimators::inference::parse_ssc(request.ssc);
    return options;
}

EstimatorFunction likelihood(models::Family family) {
    return [family](models::Design design, const ModelRequest& request) {
        return fit_likelihood(std::move(design), family, request);
    };
}

// Estimators that take a design; `nls` works on the raw frame and is handled apart.
const std::map<std::string, EstimatorFunction>& design_estimators() {
    static const std::map<std::string, EstimatorFunction> table = {
        {"ols", fit_ols},
        {"poisson", likelihood(models::Family::poisson)},
        {"logit", likelihood(models::Family::logit)},
        {"probit", likelihood(models::Family::probit)},
        {"negbin", likelihood(models::Family::negbin)},
        {"tobit", likelihood(models::Family::tobit)},
        {"fraclogit", likelihood(models::Family::fraclogit)},
        {"fracprobit", likelihood(models::Family::fracprobit)},
        {"ologit", likelihood(models::Family::ologit)},
        {"oprobit", likelihood(models::Family::oprobit)},
        {"clogit", [](models::Design design, const ModelRequest&) { return estimators::clogit(std::move(design)); }},
        {"2sls", [](models::Design design, const ModelRequest& request) { return estimators::two_stage_least_squares(std::move(design), iv_options(request)); }},
        {"liml", [](models::Design design, const ModelRequest& request) { return estimators::liml(std::move(design), iv_options(request)); }},
        {"gmm", [](models::Design design, const ModelRequest& request) { return estimators::iv_gmm(std::move(design), iv_options(request)); }},
        {"re", fit_random_effects},
        {"be", [](models::Design design, const ModelRequest&) { return estimators::between(std::move(design)); }},
        {"fd", [](models::Design design, const ModelRequest&) { return estimators::first_difference(std::move(design)); }},
    };
    return table;
}

const EstimatorFunction& find_estimator(const std::string& name) {
    const auto& table = design_estimators();
    const auto it = table.find(name);
    if (it != table.end()) return it->second;
    throw Error("unknown estimator '" + name + "'" + data::did_you_mean(name, estimator_names()) +
                " (accepted: " + [] {
                    std::string list;
                    for (const auto& n : estimator_names()) list += (list.empty() ? "" : ", ") + n;
                    return list;
                }() + ")");
}

estimators::InferenceOptions inference_options(const ModelRequest& request) {
    estimators::InferenceOptions options;
    options.vcov = estimators::inference::parse_vcov(request.vcov);
    options.ssc = estimators::inference::parse_ssc(request.ssc);
    options.wald = request.tests;
    return options;
}

}  // namespace

std::vector<std::string> estimator_names() {
    std::vector<std::string> names;
    for (const auto& entry : design_estimators()) names.push_back(entry.first);
    names.insert(names.end(), {"diff-gmm", "sys-gmm", "nls"});
    return names;
}

models::ModelSpec model_spec(const ModelRequest& request) {
    if (request.model.empty()) throw Error("--model is required: a formula such as \"y ~ x1 + x2 | firm\"");
    auto spec = models::parse_model(request.model);
    if (!request.estimator.empty()) spec.estimator = request.estimator;
    spec.weights = request.weights;
    spec.offset = request.offset;
    spec.subset = request.subset;
    spec.clusters = estimators::inference::parse_vcov(request.vcov).clusters;
    if (!request.panel.empty()) {
        const auto panel = split_panel(request.panel);
        spec.panel_id = panel.id;
        spec.panel_time = panel.time;
    }
    spec.keep_singletons = request.keep_singletons;
    spec.validate();
    return spec;
}

std::vector<std::string> columns_needed(const ModelRequest& request) {
    if (request.estimator == "nls") return {};
    auto names = models::columns_used(model_spec(request));
    for (const auto& name : dynamic_gmm_columns(request))
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    return names;
}

estimators::Result run_model(const ModelRequest& request, const data::Frame& frame) {
    const auto options = inference_options(request);
    if (request.estimator == "nls") {
        auto estimate = estimators::nls(request.model, models::parse_start_values(request.start), frame);
        return estimators::infer(estimate, options);
    }
    const auto spec = model_spec(request);
    std::optional<data::PanelIndex> panel;
    if (!spec.panel_id.empty()) panel.emplace(frame, spec.panel_id, spec.panel_time);
    if (is_dynamic_gmm(spec.estimator)) {
        auto design = models::build_design(spec, frame, panel ? &*panel : nullptr);
        return estimators::infer(fit_dynamic_gmm(std::move(design), frame, panel ? &*panel : nullptr, request), options);
    }
    const auto& estimator = find_estimator(spec.estimator);
    auto design = models::build_design(spec, frame, panel ? &*panel : nullptr);
    if (!request.diagnostics && !request.margins)
        return estimators::infer(estimator(std::move(design), request), options);
    const auto margins = request.margins ? std::optional(margins_family(spec.estimator, design)) : std::nullopt;
    auto estimate = estimator(design, request);
    if (request.diagnostics) {
        estimators::DiagnosticsOptions diagnostics;
        if (spec.estimator == "re") diagnostics.random_effects = random_effects_options(request);
        estimators::add_diagnostics(estimate, design, diagnostics);
    }
    auto result = estimators::infer(estimate, options);
    if (margins) add_margins(result, design, *margins, estimate);
    return result;
}

}  // namespace gvcpanel::cli
