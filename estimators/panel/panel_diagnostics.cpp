// Dispatch of the diagnostics by estimator; each test lives in its own file (hausman,
// effects_lm_test, serial_correlation, cross_section_dependence).
#include "estimators/panel/panel_diagnostics.hpp"

#include <algorithm>

#include "estimators/panel/cross_section_dependence.hpp"
#include "estimators/panel/effects_lm_test.hpp"
#include "estimators/panel/hausman.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/panel/panel_groups.hpp"
#include "estimators/panel/serial_correlation.hpp"
#include "estimators/fixed_effects/within.hpp"

namespace gvcpanel::estimators {

namespace {

models::Grouping grouping(const char* name, const std::vector<arma::uword>& codes, const arma::vec& sizes) {
    models::Grouping g;
    g.name = name;
    g.levels = static_cast<std::int32_t>(sizes.n_elem);
    for (const arma::uword c : codes) g.codes.push_back(static_cast<std::int32_t>(c));
    return g;
}

// The design without fixed effects (the panel structure carries them for the panel estimators).
models::Design without_fixed_effects(models::Design design) {
    design.sample.fixed_effects.clear();
    return design;
}

void within_diagnostics(Estimate& estimate, const models::Design& design, const DiagnosticsOptions& options) {
    const PanelGroups groups = panel_groups(without_fixed_effects(design), "within --diagnostics");
    estimate.tests.push_back(wooldridge_ar1(estimate.residuals, groups));
    std::vector<arma::uword> columns;
    for (const auto& name : estimate.names)
        columns.push_back(static_cast<arma::uword>(std::find(design.names.begin(), design.names.end(), name) -
                                                   design.names.begin()));
    const arma::mat X = within_transform(design.X.cols(arma::uvec(columns)), groups, PanelEffect::individual);
    const arma::vec y = within_transform(design.y, groups, PanelEffect::individual);
    estimate.tests.push_back(bg_serial(y, X, groups, options.bg_order));
    estimate.tests.push_back(pesaran_cd(estimate.residuals, groups));
}

void random_effects_diagnostics(Estimate& estimate, const models::Design& design, const DiagnosticsOptions& options) {
    const PanelEffect effect = options.random_effects.effect;
    const PanelGroups groups = panel_groups(design, "re --diagnostics", time_use(effect));
    models::Design fe_design = design;
    if (effect != PanelEffect::time)
        fe_design.sample.fixed_effects.push_back(grouping("entity", groups.entity, groups.entity_size));
    if (effect != PanelEffect::individual)
        fe_design.sample.fixed_effects.push_back(grouping("period", groups.period, groups.period_size));
    WithinOptions within_options;
    within_options.fe_test = false;
    const Estimate fixed = within(std::move(fe_design), within_options);
    estimate.tests.push_back(hausman(fixed, estimate));
    InferenceOptions robust;
    robust.vcov.type = inference::VcovType::cluster;  // no variable named: by the panel entity
    estimate.tests.push_back(hausman_regression(design, options.random_effects, robust));
    const Estimate pooled = ols(design);
    for (auto& test : effects_lm_tests(pooled.residuals, groups, effect)) estimate.tests.push_back(std::move(test));
}

}  // namespace

void add_diagnostics(Estimate& estimate, const models::Design& design, const DiagnosticsOptions& options) {
    if (estimate.estimator == "re" && !design.endogenous.empty()) {
        estimate.notes.push_back("--diagnostics: no specification tests are listed for random-effects IV");
    } else if (estimate.estimator == "re") {
        random_effects_diagnostics(estimate, design, options);
    } else if (estimate.estimator == "fd") {
        estimate.tests.push_back(wooldridge_fd(estimate.residuals, estimate.sample.entity, estimate.sample.period));
    } else if (estimate.estimator == "ols" && design.sample.fixed_effects.size() == 1 &&
               !design.sample.fixed_effects.front().has_slopes()) {
        within_diagnostics(estimate, design, options);
    } else {
        estimate.notes.push_back("--diagnostics: no specification tests are listed for this model (conventions.md: "
                                 "within with one fixed effect without slopes, re, fd)");
    }
}

}  // namespace gvcpanel::estimators
