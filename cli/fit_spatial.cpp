#include "cli/fit_spatial.hpp"

#include <algorithm>
#include <set>

#include "data/error.hpp"
#include "data/spatial/weights_file.hpp"
#include "estimators/spatial/spatial_panel.hpp"
#include "models/build_design.hpp"

namespace gvcpanel::cli {

namespace {

namespace sp = estimators::spatial;

sp::SpatialEffects effects_of(const models::ModelSpec& spec, const data::PanelIndex& panel) {
    bool individual = false, time = false;
    for (const auto& effect : spec.formula.fixed_effects) {
        if (!effect.slopes.empty() || effect.name.find('^') != std::string::npos ||
            (effect.name != panel.entity_name() && effect.name != panel.time_name()))
            throw Error("--estimator " + spec.estimator + ": the fixed-effects part may name the panel's entity (" +
                        panel.entity_name() + "), its time (" + panel.time_name() + ") or both, not '" + effect.name + "'");
        (effect.name == panel.entity_name() ? individual : time) = true;
    }
    if (individual && time) return sp::SpatialEffects::twoways;
    if (individual) return sp::SpatialEffects::individual;
    return time ? sp::SpatialEffects::time : sp::SpatialEffects::pooled;
}

// The design's rows rearranged period by period (units in the panel's sorted order); a panel that is
// not balanced on the estimation sample is refused.
struct Arranged {
    sp::SpatialPanel panel;
    std::vector<std::string> unit_labels;
};

Arranged arrange(const models::Design& design, const data::PanelIndex& panel) {
    const auto& entity = design.sample.entity;
    const auto& period = design.sample.period;
    const std::set<std::int32_t> units(entity.begin(), entity.end()), periods(period.begin(), period.end());
    const arma::uword n = units.size(), T = periods.size();
    if (design.nobs() != n * T)
        throw Error("spatial models need a balanced panel: the estimation sample has " + std::to_string(design.nobs()) +
                    " observations of " + std::to_string(n) + " units in " + std::to_string(T) +
                    " periods (every unit in every period; missing values drop observations)");
    std::vector<arma::uword> unit_position(panel.n_entities()), period_position(panel.n_periods());
    Arranged out;
    arma::uword i = 0;
    for (const auto code : units) {
        unit_position[code] = i++;
        out.unit_labels.push_back(panel.entity_label(code));
    }
    i = 0;
    for (const auto code : periods) period_position[code] = i++;
    arma::uvec order(design.nobs());
    for (arma::uword row = 0; row < design.nobs(); ++row)
        order(period_position[period[row]] * n + unit_position[entity[row]]) = row;
    out.panel.y = design.y.elem(order);
    out.panel.X = design.X.rows(order);
    out.panel.names = design.names;
    out.panel.units = n;
    out.panel.periods = T;
    return out;
}

// SDM and SDEM: W x for every regressor but the intercept, named W:x.
void add_lagged_regressors(sp::SpatialPanel& panel) {
    const arma::uword k = panel.X.n_cols;
    for (arma::uword j = 0; j < k; ++j) {
        if (panel.names[j] == "(Intercept)") continue;
        panel.X = arma::join_rows(panel.X, sp::spatial_lag(panel.W, panel.X.col(j), panel.units));
        panel.names.push_back("W:" + panel.names[j]);
    }
}

std::string effects_name(sp::SpatialEffects effects) {
    switch (effects) {
        case sp::SpatialEffects::pooled: return "none (pooled)";
        case sp::SpatialEffects::individual: return "individual";
        case sp::SpatialEffects::time: return "time";
        case sp::SpatialEffects::twoways: return "twoways";
    }
    return "";
}

}  // namespace

bool is_spatial_estimator(const std::string& estimator) {
    return estimator == "sar" || estimator == "sem" || estimator == "sdm" || estimator == "sdem";
}

estimators::Result fit_spatial(const models::ModelSpec& spec, const ModelRequest& request, const data::Frame& frame,
                               const data::PanelIndex* panel, const estimators::InferenceOptions& inference) {
    const std::string& name = spec.estimator;
    if (request.spatial.empty()) throw Error("--estimator " + name + " needs --spatial W.csv (gvcpanel weights writes one)");
    if (!panel || !panel->has_time())
        throw Error("--estimator " + name + " needs --panel ID,TIME: W links the units within each period");
    if (spec.formula.has_iv() || !spec.weights.empty())
        throw Error("--estimator " + name + ": an IV part and --weights are not available for spatial models");
    if (inference.vcov.type != estimators::inference::VcovType::iid || !request.bootstrap.empty())
        throw Error("--estimator " + name + ": the standard errors are the inverse information matrix (--vcov iid); "
                    "other covariances are not available for spatial models");
    sp::SpatialOptions options;
    options.model = name == "sar" || name == "sdm" ? sp::SpatialModel::lag : sp::SpatialModel::error;
    options.effects = effects_of(spec, *panel);
    options.lee_yu = request.lee_yu;

    auto pooled = spec;
    pooled.formula.fixed_effects.clear();
    auto design = models::build_design(pooled, frame, panel);
    if (options.effects != sp::SpatialEffects::pooled) {
        const auto intercept = std::find(design.names.begin(), design.names.end(), "(Intercept)");
        if (intercept != design.names.end()) {
            design.X.shed_col(static_cast<arma::uword>(intercept - design.names.begin()));
            design.names.erase(intercept);
        }
    }
    auto arranged = arrange(design, *panel);
    arranged.panel.W = data::weights_in_order(data::read_weights(request.spatial), arranged.unit_labels,
                                              "the panel's entities (" + panel->entity_name() + ")");
    if (name == "sdm" || name == "sdem") add_lagged_regressors(arranged.panel);
    const auto fit = sp::fit_spatial_panel(arranged.panel, options);

    estimators::Estimate estimate;
    estimate.estimator = name;
    estimate.kind = estimators::ModelKind::likelihood;
    estimate.formula = spec.formula.text;
    estimate.outcome = design.outcome;
    estimate.names = fit.names;
    estimate.coef = fit.coef;
    estimate.bread = fit.vcov;
    estimate.iid_vcov = fit.vcov;
    estimate.residuals = fit.residuals;
    estimate.nobs = design.nobs();
    estimate.has_intercept = options.effects == sp::SpatialEffects::pooled;
    estimate.sample = design.sample;
    estimate.stats["loglik"] = fit.loglik;
    estimate.stats["sigma2"] = fit.sigma2;
    estimate.stats["sigma2_se"] = fit.sigma2_se;
    estimate.stats["spatial_effects"] = effects_name(options.effects);
    estimate.stats["lee_yu"] = options.lee_yu;
    estimate.stats["n_units"] = arranged.panel.units;
    estimate.stats["n_periods"] = arranged.panel.periods;
    estimate.stats["log_determinant"] = "eigenvalues";
    estimate.stats["spatial_interval"] = {fit.low, fit.high};
    estimate.notes.push_back(std::string(options.lee_yu ? "Lee-Yu (2010) bias-corrected" : "uncorrected (direct ML; --lee-yu for Lee and Yu's correction)") +
                             " estimates; SEs from the inverse information matrix");
    if (fit.at_bound) {
        estimate.converged = false;
        estimate.convergence_message = "the spatial parameter is at an end of its interval: the estimates should not be used";
    }
    return estimators::infer(estimate, inference);
}

}  // namespace gvcpanel::cli
