#include "cli/run_model.hpp"

#include "cli/add_margins.hpp"
#include "cli/fit_did.hpp"
#include "cli/fit_dynamic_gmm.hpp"
#include "cli/fit_likelihood.hpp"
#include "cli/fit_prodfn.hpp"
#include "cli/fit_spatial.hpp"
#include "cli/fit_threshold.hpp"
#include "cli/outcome_mean.hpp"
#include "cli/randomization_inference.hpp"
#include "cli/resampling.hpp"
#include "cli/save_predictions.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "data/error.hpp"
#include "data/names.hpp"
#include "data/panel_index.hpp"
#include "estimators/panel/between.hpp"
#include "estimators/glm/clogit.hpp"
#include "estimators/panel/first_difference.hpp"
#include "estimators/infer.hpp"
#include "estimators/iv/iv.hpp"
#include "estimators/likelihood/nls.hpp"
#include "estimators/panel/panel_diagnostics.hpp"
#include "estimators/panel/random_effects.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/linear/standardized.hpp"
#include "estimators/predict.hpp"
#include "estimators/fixed_effects/within.hpp"
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

// `shared`: the batch's shared work, or nullptr.
using EstimatorFunction =
    std::function<estimators::Estimate(models::Design, const ModelRequest&, SharedWork* shared)>;

models::SharedSamples* shared_samples(SharedWork* shared) { return shared ? &shared->samples : nullptr; }
estimators::DemeanedStore* demeaned_store(SharedWork* shared) { return shared ? &shared->demeaned : nullptr; }

// `ols` with a fixed-effects part absorbs them (the within estimator), as fixest's feols does.
estimators::Estimate fit_ols(models::Design design, const ModelRequest& request, SharedWork* shared) {
    if (design.sample.fixed_effects.empty()) return estimators::ols(std::move(design));
    estimators::WithinOptions options;
    options.demean.threads = request.threads;
    options.demeaned_store = demeaned_store(shared);
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
    if (!request.re_iv.empty()) options.iv = estimators::parse_re_iv(request.re_iv);
    return options;
}

estimators::Estimate fit_random_effects(models::Design design, const ModelRequest& request, SharedWork*) {
    if (!request.re_iv.empty() && design.endogenous.empty())
        throw Error("--re-iv " + request.re_iv + ": the model '" + request.model +
                    "' has no IV part (y ~ x | endogenous ~ instruments)");
    return estimators::random_effects(std::move(design), random_effects_options(request));
}

// IV estimators: the first-stage F tests and Hansen's weights follow the requested covariance.
estimators::IvOptions iv_options(const ModelRequest& request, SharedWork* shared) {
    estimators::IvOptions options;
    options.demean.threads = request.threads;
    options.demeaned_store = demeaned_store(shared);
    options.diagnostics_vcov = estimators::inference::parse_vcov(request.vcov);
    // The jackknife's covariance comes from refits: the first-stage tests use the sandwich it
    // approximates (clustered by the deleted units, or heteroskedasticity-robust).
    if (options.diagnostics_vcov.type == estimators::inference::VcovType::jackknife)
        options.diagnostics_vcov = options.diagnostics_vcov.clusters.empty()
                                       ? estimators::inference::VcovSpec::hc(1)
                                       : estimators::inference::VcovSpec::cluster(options.diagnostics_vcov.clusters);
    options.diagnostics_ssc = estimators::inference::parse_ssc(request.ssc);
    options.keep_system = !request.boottest.empty();
    return options;
}

EstimatorFunction likelihood(models::Family family) {
    return [family](models::Design design, const ModelRequest& request, SharedWork*) {
        return fit_likelihood(std::move(design), family, request);
    };
}

// An estimator that takes a design, with its one line for `gvcpanel fit --help`.
struct DesignEstimator {
    EstimatorFunction fit;
    std::string_view summary;
};

// The estimators by name (one registry with estimators_handled_apart below: `fit --help` and the
// unknown-estimator error list both). `nls` and the dynamic panels work on the raw frame.
const std::map<std::string, DesignEstimator>& design_estimators() {
    static const std::map<std::string, DesignEstimator> table = {
        {"ols", {fit_ols, "least squares; with a fixed-effects part, the within estimator absorbing them (the default)"}},
        {"poisson", {likelihood(models::Family::poisson), "Poisson pseudo-ML; with a fixed-effects part, PPML-HDFE (IRLS)"}},
        {"logit", {likelihood(models::Family::logit), "binary logit ML; fixed effects absorbed by IRLS"}},
        {"probit", {likelihood(models::Family::probit), "binary probit ML; fixed effects absorbed by IRLS"}},
        {"negbin", {likelihood(models::Family::negbin), "negative binomial (NB2) ML, alpha in ancillary"}},
        {"tobit", {likelihood(models::Family::tobit), "censored normal regression (--left, --right; default left 0)"}},
        {"fraclogit", {likelihood(models::Family::fraclogit), "fractional logit quasi-ML for shares in [0, 1] (Papke-Wooldridge)"}},
        {"fracprobit", {likelihood(models::Family::fracprobit), "fractional probit quasi-ML for shares in [0, 1]"}},
        {"ologit", {likelihood(models::Family::ologit), "ordered logit ML, cut points in ancillary"}},
        {"oprobit", {likelihood(models::Family::oprobit), "ordered probit ML, cut points in ancillary"}},
        {"clogit", {[](models::Design design, const ModelRequest&, SharedWork*) { return estimators::clogit(std::move(design)); },
                    "conditional (fixed-effects) logit; the groups are the fixed-effects part"}},
        {"2sls", {[](models::Design design, const ModelRequest& request, SharedWork* shared) { return estimators::two_stage_least_squares(std::move(design), iv_options(request, shared)); },
                  "two-stage least squares (the default with an IV part)"}},
        {"liml", {[](models::Design design, const ModelRequest& request, SharedWork* shared) { return estimators::liml(std::move(design), iv_options(request, shared)); },
                  "limited-information maximum likelihood (IV part)"}},
        {"gmm", {[](models::Design design, const ModelRequest& request, SharedWork* shared) { return estimators::iv_gmm(std::move(design), iv_options(request, shared)); },
                 "two-step efficient IV-GMM (IV part)"}},
        {"re", {fit_random_effects, "random effects GLS (--re-method, --effect, --mundlak; an IV part with --re-iv)"}},
        {"be", {[](models::Design design, const ModelRequest&, SharedWork*) { return estimators::between(std::move(design)); },
                "between: least squares on the entity means"}},
        {"fd", {[](models::Design design, const ModelRequest&, SharedWork*) { return estimators::first_difference(std::move(design)); },
                "first differences within entity"}},
    };
    return table;
}

// Estimators run_model handles before building a design, with their lines for `fit --help`.
const std::vector<std::pair<std::string, std::string_view>>& estimators_handled_apart() {
    static const std::vector<std::pair<std::string, std::string_view>> list = {
        {"diff-gmm", "Arellano-Bond difference GMM for dynamic panels (--gmm, --iv, --two-step, --collapse)"},
        {"sys-gmm", "Blundell-Bond system GMM for dynamic panels (options as diff-gmm)"},
        {"nls", "nonlinear least squares: \"y ~ b1 * exp(b2 * x)\" with --start b1=..,b2=.."},
        {"cs", "Callaway-Sant'Anna group-time ATTs under staggered adoption (--cohort, --control, --agg)"},
        {"threshold", "Hansen's panel threshold regression (--threshold-var, --regime, --thresholds, --grid)"},
        {"sar", "spatial lag panel model by ML (--spatial W.csv, --lee-yu; docs/spatial.md)"},
        {"sem", "spatial error panel model by ML (--spatial W.csv, --lee-yu)"},
        {"sdm", "spatial Durbin model: sar with W:x regressors"},
        {"sdem", "spatial Durbin error model: sem with W:x regressors"},
        {"did-imputation", "Borusyak-Jaravel-Spiess imputation: ATT and per horizon (--cohort, --horizons A:B)"},
        {"op", "Olley-Pakes production function (--state, --proxy investment, --exit, --control, --bootstrap B)"},
        {"lp", "Levinsohn-Petrin production function (--state, --proxy materials, --control, --bootstrap B)"},
        {"acf", "Ackerberg-Caves-Frazer production function (--state, --proxy, --poly, --translog, --bootstrap B)"},
        {"wrdg", "Wooldridge (2009) production function, one GMM system (--state, --proxy, --translog, --gross-output)"},
    };
    return list;
}

const EstimatorFunction& find_estimator(const std::string& name) {
    const auto& table = design_estimators();
    const auto it = table.find(name);
    if (it != table.end()) return it->second.fit;
    throw Error("unknown estimator '" + name + "'" + data::did_you_mean(name, estimator_names()) +
                " (accepted: " + [] {
                    std::string list;
                    for (const auto& n : estimator_names()) list += (list.empty() ? "" : ", ") + n;
                    return list;
                }() + ")");
}

// --boot-cluster "v" or "v1+v2": the variables whose intersection the wild bootstrap draws weights for.
std::vector<std::string> boot_cluster_names(const ModelRequest& request) {
    std::vector<std::string> names;
    std::string name;
    for (const char c : request.boot_cluster + "+") {
        if (c != '+' && c != ' ') {
            name += c;
        } else if (!name.empty()) {
            names.push_back(name);
            name.clear();
        }
    }
    if (!request.boot_cluster.empty() && request.boottest.empty())
        throw Error("--boot-cluster '" + request.boot_cluster + "' is given without --boottest");
    return names;
}

// The estimator on one thread, for refits run in parallel (its covariance is not used).
std::function<estimators::Estimate(models::Design)> refit_on_one_thread(const ModelRequest& request,
                                                                       const EstimatorFunction& estimator) {
    ModelRequest one = request;
    one.threads = 1;
    one.save_fe.clear();
    one.boottest.clear();
    one.ri.clear();
    return [&estimator, one](models::Design d) { return estimator(std::move(d), one, nullptr); };
}

// --bootstrap, --vcov jackknife: refits on resampled rows of the design, each on one thread.
estimators::Result infer_with_design_refits(const estimators::Estimate& estimate,
                                            const estimators::InferenceOptions& options, const models::Design& design,
                                            const ModelRequest& request, const EstimatorFunction& estimator) {
    check_scheme(request, estimate.estimator);
    const std::string variable = resampled_variable(request);
    const auto refit = design_refit(design, variable, estimate.names, refit_on_one_thread(request, estimator));
    return infer_with_refits(estimate, options, request, design_plan(design.sample, variable), refit);
}

// --bootstrap, --vcov jackknife for the estimators that read the frame (dynamic GMM, nls).
estimators::Result infer_with_frame_refits(const estimators::Estimate& estimate,
                                           const estimators::InferenceOptions& options, const data::Frame& frame,
                                           const ModelRequest& request) {
    check_scheme(request, request.estimator);
    const std::string variable = resampled_variable(request);
    const auto plan = frame_plan(frame, estimate.sample.rows, variable);
    return infer_with_refits(estimate, options, request, plan, frame_refit(frame, request, plan, variable, estimate.names));
}

// The design-based estimators: the design built and the model fitted once, then inferred under each of
// `inferences` (the covariance is chosen after fitting).
std::vector<estimators::Result> fit_and_infer(const models::ModelSpec& spec, const ModelRequest& request,
                                              const std::vector<estimators::InferenceOptions>& inferences,
                                              const data::Frame& frame, const data::PanelIndex* panel,
                                              SharedWork* shared) {
    const auto& estimator = find_estimator(spec.estimator);
    auto design = models::build_design(spec, frame, panel, shared_samples(shared));
    const OutcomeMean outcome_mean(design, spec.estimator);
    std::optional<estimators::DesignSpread> spread;
    if (request.beta) spread = estimators::design_spread(design);
    const auto finished = [&](estimators::Result result) {
        if (spread) estimators::add_standardized(result, *spread);
        return result;
    };
    std::vector<estimators::Result> results;
    const bool margins = request.margins || !request.margins_at.empty();
    if (!request.diagnostics && !margins && !needs_refits(request) && request.save_predictions.empty() && request.ri.empty()) {
        auto estimate = estimator(std::move(design), request, shared);
        outcome_mean.add_to(estimate);
        for (const auto& options : inferences)
            results.push_back(finished(estimators::infer(estimate, event_study_inference(estimate, spec, request, options))));
        return results;
    }
    const auto family = margins ? margins_family(spec.estimator) : models::Family{};
    estimators::MarginsOptions margins_options;
    margins_options.at = estimators::parse_margins_at(request.margins_at);
    auto estimate = estimator(design, request, shared);
    outcome_mean.add_to(estimate);
    if (!request.save_predictions.empty()) save_predictions(design, estimate, request, frame);
    if (request.diagnostics) {
        estimators::DiagnosticsOptions diagnostics;
        diagnostics.random_effects = random_effects_options(request);  // --effect: also the pooled LM tests'
        estimators::add_diagnostics(estimate, design, diagnostics);
    }
    for (const auto& options : inferences) {
        const auto event_options = event_study_inference(estimate, spec, request, options);
        auto result = needs_refits(request) ? infer_with_design_refits(estimate, event_options, design, request, estimator)
                                            : estimators::infer(estimate, event_options);
        if (margins) add_margins(result, {spec.formula, frame, panel, design}, family, estimate, margins_options);
        if (!request.ri.empty()) result.tests.push_back(randomization_inference(design, estimate, request, refit_on_one_thread(request, estimator)));
        results.push_back(finished(std::move(result)));
    }
    return results;
}

// Options that apply after fitting, checked before anything is read or estimated.
void check_request_options(const ModelRequest& request, const std::string& estimator) {
    if (!request.save_predictions.empty()) estimators::require_predictions(estimator);
    if (request.beta) estimators::require_standardized(estimator);
}

// The IV estimators tune their first-stage tests and weights to the covariance, and dynamic GMM
// its two-step weights: only the other design-based fits serve every covariance.
bool fit_ignores_vcov(const std::string& estimator) {
    return design_estimators().count(estimator) > 0 && estimator != "2sls" && estimator != "liml" &&
           estimator != "gmm";
}

// Whether every column of `name` ("a" or "a^b") is in the frame with no missing value.
bool complete_columns(const std::string& name, const data::Frame& frame) {
    for (std::size_t start = 0; start <= name.size();) {
        const std::size_t hat = std::min(name.find('^', start), name.size());
        const std::string variable = name.substr(start, hat - start);
        if (!frame.has(variable)) return false;
        const auto& column = frame.column(variable);
        for (std::size_t row = 0; row < column.size(); ++row)
            if (column.is_missing(row)) return false;
        start = hat + 1;
    }
    return true;
}

// Whether cluster variables named by some of the covariances only leave the estimation sample as
// each covariance alone would: such a variable must be a fixed effect (its missing rows drop anyway)
// or have no missing value.
bool keeps_sample(const models::ModelSpec& spec, const std::vector<estimators::InferenceOptions>& inferences,
                  const data::Frame& frame) {
    for (const auto& name : spec.clusters) {
        const bool everywhere = std::all_of(inferences.begin(), inferences.end(), [&](const auto& options) {
            const auto& named = options.vcov.clusters;
            return std::find(named.begin(), named.end(), name) != named.end();
        });
        const bool fixed_effect = std::any_of(spec.formula.fixed_effects.begin(), spec.formula.fixed_effects.end(),
                                              [&](const models::FixedEffect& effect) { return effect.name == name; });
        if (!everywhere && !fixed_effect && !complete_columns(name, frame)) return false;
    }
    return true;
}

// The spec's panel index: `shared` when it indexes the same columns, else built into `own`; nullptr
// without --panel.
const data::PanelIndex* spec_panel(const models::ModelSpec& spec, const data::PanelIndex* shared,
                                   const data::Frame& frame, std::optional<data::PanelIndex>& own) {
    if (spec.panel_id.empty()) return nullptr;
    if (shared && shared->entity_name() == spec.panel_id && shared->time_name() == spec.panel_time) return shared;
    own.emplace(frame, spec.panel_id, spec.panel_time);
    return &*own;
}

}  // namespace

std::vector<EstimatorHelp> estimator_catalog() {
    std::vector<EstimatorHelp> catalog;
    for (const auto& [name, entry] : design_estimators()) catalog.push_back({name, std::string(entry.summary)});
    for (const auto& [name, summary] : estimators_handled_apart()) catalog.push_back({name, std::string(summary)});
    return catalog;
}

estimators::InferenceOptions inference_options(const ModelRequest& request) {
    estimators::InferenceOptions options;
    options.vcov = estimators::inference::parse_vcov(request.vcov);
    options.ssc = estimators::inference::parse_ssc(request.ssc);
    options.wald = request.tests;
    options.boottest = request.boottest;
    options.boot_cluster = boot_cluster_names(request);
    if (request.boot_reps < 1) throw Error("--boot-reps must be at least 1");
    options.wild.reps = request.boot_reps;
    options.wild.weights = estimators::resampling::parse_wild_weights(request.boot_weights);
    if (request.boot_null != "impose" && request.boot_null != "none")
        throw Error("--boot-null '" + request.boot_null + "': accepted: impose (WCR), none (WCU)");
    options.wild.impose_null = request.boot_null == "impose";
    options.wild.seed = request.seed;
    options.wild.threads = request.threads;
    options.nlcom = request.nlcom;
    options.margins_over = request.margins_over;
    return options;
}

estimators::Estimate estimate_design(models::Design design, const ModelRequest& request) {
    return find_estimator(request.estimator.empty() ? "ols" : request.estimator)(std::move(design), request, nullptr);
}

models::Design model_design(const ModelRequest& request, const data::Frame& frame) {
    const auto spec = model_spec(request);
    if (design_estimators().count(spec.estimator) == 0)
        throw Error("estimator '" + spec.estimator + "' reads the data itself; systems of equations (--joint, "
                    "mediate) take the estimators fitted on a design (ols, the likelihood models, IV, re, be, fd)");
    std::optional<data::PanelIndex> own_panel;
    return models::build_design(spec, frame, spec_panel(spec, nullptr, frame, own_panel), nullptr);
}

std::vector<std::string> estimator_names() {
    std::vector<std::string> names;
    for (const auto& entry : estimator_catalog()) names.push_back(entry.name);
    return names;
}

models::ModelSpec model_spec(const ModelRequest& request) {
    if (request.model.empty()) throw Error("--model is required: a formula such as \"y ~ x1 + x2 | firm\"");
    auto spec = models::parse_model(request.model);
    if (!request.estimator.empty()) spec.estimator = request.estimator;
    if (!request.re_iv.empty() && spec.estimator != "re")
        throw Error("--re-iv applies to --estimator re with an IV part, not to " + spec.estimator);
    spec.weights = request.weights;
    spec.offset = request.offset;
    spec.subset = request.subset;
    spec.clusters = estimators::inference::parse_vcov(request.vcov).clusters;
    std::vector<std::string> extra = boot_cluster_names(request);
    extra.push_back(resampled_variable(request));
    extra.push_back(request.ri_strata);
    for (const auto& name : extra)
        if (!name.empty() && std::find(spec.clusters.begin(), spec.clusters.end(), name) == spec.clusters.end())
            spec.clusters.push_back(name);
    if (!request.panel.empty()) {
        const auto panel = split_panel(request.panel);
        spec.panel_id = panel.id;
        spec.panel_time = panel.time;
    }
    spec.keep_singletons = request.keep_singletons;
    spec.validate();
    check_request_options(request, spec.estimator);
    return spec;
}

std::vector<std::string> columns_needed(const ModelRequest& request) {
    if (request.estimator == "nls") return {};
    auto names = models::columns_used(model_spec(request));
    for (const auto& name : dynamic_gmm_columns(request))
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    for (const auto& name : threshold_columns(request))
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    for (const auto& name : staggered_columns(request))
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    for (const auto& name : prodfn_columns(request))
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    return names;
}

std::optional<data::PanelIndex> panel_index(const ModelRequest& request, const data::Frame& frame) {
    if (request.panel.empty()) return std::nullopt;
    const auto names = split_panel(request.panel);
    return data::PanelIndex(frame, names.id, names.time);
}

namespace {

// Armadillo reports a decomposition it could not do (a system singular or non-finite in a way the
// estimator's own checks did not foresee) as std::runtime_error, "solve(): solution not found";
// the user gets what that means for the model instead of an internal-sounding error.
template <class Fit>
auto explaining_numerical_failures(const ModelRequest& request, Fit&& fit) {
    try {
        return fit();
    } catch (const Error&) {
        throw;
    } catch (const std::runtime_error& e) {
        const std::string estimator = request.estimator.empty() ? model_spec(request).estimator : request.estimator;
        throw Error(estimator + ": a linear system of the fit could not be solved (" + std::string(e.what()) +
                    "): the model is singular or holds values too extreme to compute with. Look for regressors that "
                    "are collinear with each other, with the fixed effects or with the instruments, and for variables "
                    "with huge or tiny magnitudes; drop or rescale them");
    }
}

estimators::Result fit_model(const ModelRequest& request, const data::Frame& frame, const data::PanelIndex* shared_panel,
                             SharedWork* shared) {
    const auto options = inference_options(request);
    if (!request.ri_strata.empty() && request.ri.empty()) throw Error("--ri-strata is given without --ri");
    const auto refuse_ri = [&request](const std::string& estimator) {
        if (!request.ri.empty())
            throw Error("--ri applies to the estimators fitted on a design (ols, within, 2sls, glm, ...), not to '" + estimator + "'");
    };
    if (request.estimator == "nls") {
        refuse_ri("nls");
        check_request_options(request, "nls");
        auto estimate = estimators::nls(request.model, models::parse_start_values(request.start), frame);
        return needs_refits(request) ? infer_with_frame_refits(estimate, options, frame, request)
                                     : estimators::infer(estimate, options);
    }
    const auto spec = model_spec(request);
    std::optional<data::PanelIndex> own_panel;
    const auto* panel = spec_panel(spec, shared_panel, frame, own_panel);
    if (is_staggered_estimator(spec.estimator) || is_threshold_estimator(spec.estimator) ||
        is_prodfn_estimator(spec.estimator) || is_dynamic_gmm(spec.estimator))
        refuse_ri(spec.estimator);
    if (is_staggered_estimator(spec.estimator)) return fit_staggered(spec, request, frame, panel);
    if (is_threshold_estimator(spec.estimator)) return fit_threshold(spec, request, frame, panel, options);
    if (is_prodfn_estimator(spec.estimator)) return fit_prodfn(spec, request, frame, panel, options);
    if (is_spatial_estimator(spec.estimator)) return fit_spatial(spec, request, frame, panel, options);
    if (is_dynamic_gmm(spec.estimator)) {
        auto design = models::build_design(spec, frame, panel, shared_samples(shared));
        const OutcomeMean outcome_mean(design, spec.estimator);
        auto estimate = fit_dynamic_gmm(std::move(design), frame, panel, request);
        outcome_mean.add_to(estimate);
        return needs_refits(request) ? infer_with_frame_refits(estimate, options, frame, request)
                                     : estimators::infer(estimate, options);
    }
    return fit_and_infer(spec, request, {options}, frame, panel, shared).front();
}

std::vector<estimators::Result> fit_model(const ModelRequest& request, const std::vector<std::string>& vcovs,
                                          const data::Frame& frame, const data::PanelIndex* shared_panel,
                                          SharedWork* shared) {
    const bool refits = std::any_of(vcovs.begin(), vcovs.end(), [&request](const std::string& vcov) {
        ModelRequest one = request;
        one.vcov = vcov;
        return needs_refits(one);
    });
    if (request.estimator != "nls" && !refits) {
        auto spec = model_spec(request);
        std::vector<estimators::InferenceOptions> inferences;
        std::vector<std::string> clusters;
        for (const auto& vcov : vcovs) {
            ModelRequest one = request;
            one.vcov = vcov;
            inferences.push_back(inference_options(one));
            for (const auto& name : inferences.back().vcov.clusters)
                if (std::find(clusters.begin(), clusters.end(), name) == clusters.end()) clusters.push_back(name);
        }
        spec.clusters = clusters;
        if (fit_ignores_vcov(spec.estimator) && keeps_sample(spec, inferences, frame)) {
            std::optional<data::PanelIndex> own_panel;
            return fit_and_infer(spec, request, inferences, frame, spec_panel(spec, shared_panel, frame, own_panel),
                                 shared);
        }
    }
    std::vector<estimators::Result> results;
    for (const auto& vcov : vcovs) {
        ModelRequest one = request;
        one.vcov = vcov;
        results.push_back(run_model(one, frame, shared_panel, shared));
    }
    return results;
}

}  // namespace

estimators::Result run_model(const ModelRequest& request, const data::Frame& frame, const data::PanelIndex* shared_panel,
                             SharedWork* shared) {
    return explaining_numerical_failures(request, [&] { return fit_model(request, frame, shared_panel, shared); });
}

std::vector<estimators::Result> run_model(const ModelRequest& request, const std::vector<std::string>& vcovs,
                                          const data::Frame& frame, const data::PanelIndex* shared_panel,
                                          SharedWork* shared) {
    return explaining_numerical_failures(request, [&] { return fit_model(request, vcovs, frame, shared_panel, shared); });
}

}  // namespace gvcpanel::cli
