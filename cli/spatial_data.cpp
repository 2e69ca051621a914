#include "cli/spatial_data.hpp"

#include <algorithm>
#include <set>

#include "data/error.hpp"
#include "data/spatial/weights_file.hpp"
#include "models/build_design.hpp"

namespace gvcpanel::cli {

namespace {

namespace sp = estimators::spatial;

sp::FixedEffectsKind effects_of(const models::ModelSpec& spec, const data::PanelIndex& panel, const std::string& what) {
    bool individual = false, time = false;
    for (const auto& effect : spec.formula.fixed_effects) {
        if (!effect.slopes.empty() || effect.name.find('^') != std::string::npos ||
            (effect.name != panel.entity_name() && effect.name != panel.time_name()))
            throw Error(what + ": the fixed-effects part may name the panel's entity (" + panel.entity_name() +
                        "), its time (" + panel.time_name() + ") or both, not '" + effect.name + "'");
        (effect.name == panel.entity_name() ? individual : time) = true;
    }
    if (individual && time) return sp::FixedEffectsKind::twoways;
    if (individual) return sp::FixedEffectsKind::individual;
    return time ? sp::FixedEffectsKind::time : sp::FixedEffectsKind::pooled;
}

}  // namespace

SpatialData spatial_data(const models::ModelSpec& spec, const data::Frame& frame, const data::PanelIndex* panel,
                         const std::string& weights_path, const std::string& what) {
    if (weights_path.empty()) throw Error(what + " needs --spatial W.csv (gvcpanel weights writes one)");
    if (!panel || !panel->has_time()) throw Error(what + " needs --panel ID,TIME: W links the units within each period");
    SpatialData out;
    out.effects = effects_of(spec, *panel, what);
    auto pooled = spec;
    pooled.formula.fixed_effects.clear();
    out.design = models::build_design(pooled, frame, panel);
    auto& design = out.design;
    if (out.effects != sp::FixedEffectsKind::pooled) {
        const auto intercept = std::find(design.names.begin(), design.names.end(), "(Intercept)");
        if (intercept != design.names.end()) {
            design.X.shed_col(static_cast<arma::uword>(intercept - design.names.begin()));
            design.names.erase(intercept);
        }
    }

    const auto& entity = design.sample.entity;
    const auto& period = design.sample.period;
    const std::set<std::int32_t> units(entity.begin(), entity.end()), periods(period.begin(), period.end());
    const arma::uword n = units.size(), T = periods.size();
    if (design.nobs() != n * T)
        throw Error(what + " needs a balanced panel: the estimation sample has " + std::to_string(design.nobs()) +
                    " observations of " + std::to_string(n) + " units in " + std::to_string(T) +
                    " periods (every unit in every period; missing values drop observations)");
    std::vector<arma::uword> unit_position(panel->n_entities()), period_position(panel->n_periods());
    std::vector<std::string> unit_labels;
    arma::uword i = 0;
    for (const auto code : units) {
        unit_position[code] = i++;
        unit_labels.push_back(panel->entity_label(code));
    }
    i = 0;
    for (const auto code : periods) {
        period_position[code] = i++;
        out.period_labels.push_back(panel->period_label(code));
    }
    arma::uvec order(design.nobs());
    for (arma::uword row = 0; row < design.nobs(); ++row)
        order(period_position[period[row]] * n + unit_position[entity[row]]) = row;
    out.panel.y = design.y.elem(order);
    out.panel.X = design.X.rows(order);
    out.panel.names = design.names;
    out.panel.units = n;
    out.panel.periods = T;
    out.panel.W = data::weights_in_order(data::read_weights(weights_path), unit_labels,
                                         "the panel's entities (" + panel->entity_name() + ")");
    return out;
}

}  // namespace gvcpanel::cli
