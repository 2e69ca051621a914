// Which tests --diagnostics adds for which fit; the tests themselves are computed by panel_tests. A
// test that cannot be computed on the fit (too few periods, collinear auxiliary regressors) is reported
// as unavailable with the reason; the fit and the other tests stand.
#include "estimators/panel/panel_diagnostics.hpp"

#include <algorithm>

#include "data/error.hpp"

#include "estimators/linear/ols.hpp"

namespace gvcpanel::estimators {

std::optional<PanelModel> panel_model(const Estimate& estimate, const models::Design& design) {
    const auto& effects = design.sample.fixed_effects;
    if (!design.endogenous.empty() || design.sample.entity.empty()) return std::nullopt;
    if (estimate.estimator == "re") return PanelModel::random_effects;
    if (estimate.estimator == "fd") return PanelModel::first_difference;
    if (estimate.estimator != "ols") return std::nullopt;
    if (effects.empty()) return PanelModel::pooled;
    if (effects.size() == 1 && !effects.front().has_slopes()) return PanelModel::within;
    return std::nullopt;
}

std::vector<std::string> default_panel_tests(PanelModel model, PanelEffect effect, bool has_time) {
    const bool two_way = effect == PanelEffect::twoways;
    std::vector<std::string> names;
    const auto add = [&](std::initializer_list<const char*> list) { names.insert(names.end(), list.begin(), list.end()); };
    switch (model) {
        case PanelModel::pooled:
            add({"bp_lm", "honda"});
            if (two_way) add({"king_wu", "ghm"});
            else add({"wooldridge_unobserved"});
            if (has_time) add({"bsy_lm_serial", "bsy_lm_individual", "bsy_lm_joint", "bg_serial", "pesaran_cd"});
            break;
        case PanelModel::within:
            if (has_time) add({"wooldridge_ar1", "bg_serial", "pesaran_cd"});
            break;
        case PanelModel::random_effects:
            add({"hausman", "hausman_robust", "bp_lm", "honda"});
            if (two_way) add({"king_wu", "ghm"});
            if (has_time) add({"bg_serial", "pesaran_cd"});
            break;
        case PanelModel::first_difference:
            add({"wooldridge_fd", "wooldridge_fd_fe"});
            break;
    }
    return names;
}

void add_diagnostics(Estimate& estimate, const models::Design& design, const DiagnosticsOptions& options) {
    const auto model = panel_model(estimate, design);
    if (!model) {
        estimate.notes.push_back("--diagnostics: no specification tests are listed for this model (docs/panel_estimators.md: "
                                 "pooled ols, within with one fixed effect without slopes, re and fd, with --panel; "
                                 "not with an IV part)");
        return;
    }
    const bool has_time = !design.sample.period.empty();
    if (!has_time)
        estimate.notes.push_back("--diagnostics: the tests that need the time are left out (--panel gave the entity alone)");
    // The LM tests of effects belong to the pooled fit: a random-effects fit refits it here.
    std::vector<std::string> own, pooled;
    for (const auto& name : default_panel_tests(*model, options.random_effects.effect, has_time)) {
        const auto models = panel_test_models(name);
        const bool on_fit = std::find(models.begin(), models.end(), *model) != models.end();
        (on_fit ? own : pooled).push_back(name);
    }
    std::vector<TestResult> tests;
    std::vector<std::string> unavailable;
    const auto compute = [&](const std::string& name, PanelModel on, const Estimate& fit) {
        try {
            for (auto& test : panel_tests({name}, on, fit, design, options)) tests.push_back(std::move(test));
        } catch (const Error& e) {
            TestResult test;
            test.name = name;
            test.unavailable = e.what();
            tests.push_back(std::move(test));
            unavailable.push_back(name + " (" + e.what() + ")");
        }
    };
    for (const auto& name : own) compute(name, *model, estimate);
    if (!pooled.empty()) {
        const Estimate pooled_fit = ols(design);
        for (const auto& name : pooled) compute(name, PanelModel::pooled, pooled_fit);
    }
    for (const auto& what : unavailable) estimate.notes.push_back("--diagnostics: unavailable: " + what);
    // In the documented order.
    for (const auto& name : default_panel_tests(*model, options.random_effects.effect, has_time))
        for (auto& test : tests)
            if (test.name == name) estimate.tests.push_back(std::move(test));
}

}  // namespace gvcpanel::estimators
