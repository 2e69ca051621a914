// Dispatch of the panel tests by name; each statistic lives in its own file (effects_lm_test,
// unobserved_effects_test, locally_robust_lm_test, hausman, serial_correlation,
// cross_section_dependence). The groups the tests share are computed once per call, on first use.
#include "estimators/panel/panel_tests.hpp"

#include <algorithm>
#include <optional>

#include "data/error.hpp"
#include "estimators/panel/cross_section_dependence.hpp"
#include "estimators/panel/effects_lm_test.hpp"
#include "estimators/panel/hausman.hpp"
#include "estimators/panel/locally_robust_lm_test.hpp"
#include "estimators/panel/panel_groups.hpp"
#include "estimators/panel/serial_correlation.hpp"
#include "estimators/panel/unobserved_effects_test.hpp"
#include "estimators/fixed_effects/within.hpp"

namespace gvcpanel::estimators {

namespace {

using Models = std::vector<PanelModel>;
constexpr PanelModel kPooled = PanelModel::pooled, kRandom = PanelModel::random_effects,
                     kWithin = PanelModel::within, kFd = PanelModel::first_difference;

// name -> the fits it is defined on (home first).
const std::vector<std::pair<std::string, Models>>& registry() {
    static const std::vector<std::pair<std::string, Models>> tests = {
        {"hausman", {kRandom}},
        {"hausman_robust", {kRandom}},
        {"bp_lm", {kPooled}},
        {"honda", {kPooled}},
        {"king_wu", {kPooled}},
        {"ghm", {kPooled}},
        {"wooldridge_unobserved", {kPooled}},
        {"bsy_lm_serial", {kPooled}},
        {"bsy_lm_individual", {kPooled}},
        {"bsy_lm_joint", {kPooled}},
        {"f_fe", {kWithin}},
        {"wooldridge_ar1", {kWithin}},
        {"wooldridge_fd", {kFd}},
        {"wooldridge_fd_fe", {kFd}},
        {"bg_serial", {kPooled, kRandom, kWithin}},
        {"pesaran_cd", {kPooled, kRandom, kWithin}},
    };
    return tests;
}

models::Grouping grouping(const char* name, const std::vector<arma::uword>& codes, const arma::vec& sizes) {
    models::Grouping g;
    g.name = name;
    g.levels = static_cast<std::int32_t>(sizes.n_elem);
    for (const arma::uword c : codes) g.codes.push_back(static_cast<std::int32_t>(c));
    return g;
}

// What the tests of one call share, computed on first use.
class Inputs {
public:
    Inputs(PanelModel model, const Estimate& fit, const models::Design& design, const DiagnosticsOptions& options)
        : model_(model), fit_(fit), design_(design), options_(options) {}

    PanelEffect effect() const { return options_.random_effects.effect; }

    // The panel design without the within fit's fixed effect (the panel structure carries it).
    const models::Design& plain() {
        if (design_.sample.fixed_effects.empty()) return design_;
        if (!plain_) {
            plain_ = design_;
            plain_->sample.fixed_effects.clear();
        }
        return *plain_;
    }

    const PanelGroups& groups() {
        if (!groups_) groups_ = panel_groups(plain(), "--diagnostics", TimeUse::optional);
        return *groups_;
    }

    // Fails for a test that needs the panel's time when --panel gave the entity alone.
    const PanelGroups& timed_groups(const std::string& test) {
        if (!groups().has_time)
            throw Error(test + " needs the panel's time: give --panel ID,TIME");
        return groups();
    }

    // The regression whose residuals bg_serial tests, transformed as the fit: pooled (y, X), random
    // effects (y*, X*), within (the demeaned y and the columns the fit kept, demeaned).
    std::pair<arma::vec, arma::mat> transformed_regression() {
        if (model_ == PanelModel::random_effects) {
            QuasiDemeaned q = quasi_demean(plain(), options_.random_effects);
            return {q.design.y, q.design.X};
        }
        std::vector<arma::uword> columns;
        for (const auto& name : fit_.names)
            columns.push_back(static_cast<arma::uword>(std::find(design_.names.begin(), design_.names.end(), name) -
                                                       design_.names.begin()));
        const arma::mat X = design_.X.cols(arma::uvec(columns));
        if (model_ == PanelModel::pooled) return {design_.y, X};
        return {within_transform(design_.y, groups(), PanelEffect::individual),
                within_transform(X, groups(), PanelEffect::individual)};
    }

    const Estimate& fit() const { return fit_; }
    const models::Design& design() const { return design_; }
    const DiagnosticsOptions& options() const { return options_; }

private:
    PanelModel model_;
    const Estimate& fit_;
    const models::Design& design_;
    const DiagnosticsOptions& options_;
    std::optional<models::Design> plain_;
    std::optional<PanelGroups> groups_;
};

TestResult pick(std::vector<TestResult> tests, const std::string& name) {
    return *std::find_if(tests.begin(), tests.end(), [&](const TestResult& t) { return t.name == name; });
}

TestResult hausman_test(const std::string& name, Inputs& in) {
    const PanelEffect effect = in.effect();
    if (name == "hausman_robust") {
        InferenceOptions robust;
        robust.vcov.type = inference::VcovType::cluster;  // no variable named: by the panel entity
        return hausman_regression(in.design(), in.options().random_effects, robust);
    }
    const PanelGroups& groups = effect == PanelEffect::individual ? in.groups() : in.timed_groups(name);
    models::Design fe_design = in.design();
    if (effect != PanelEffect::time)
        fe_design.sample.fixed_effects.push_back(grouping("entity", groups.entity, groups.entity_size));
    if (effect != PanelEffect::individual)
        fe_design.sample.fixed_effects.push_back(grouping("period", groups.period, groups.period_size));
    WithinOptions within_options;
    within_options.fe_test = false;
    return hausman(within(std::move(fe_design), within_options), in.fit());
}

TestResult compute(const std::string& name, Inputs& in) {
    const PanelEffect effect = in.effect();
    if (name == "hausman" || name == "hausman_robust") return hausman_test(name, in);
    if (name == "bp_lm" || name == "honda") {
        const PanelGroups& groups = effect == PanelEffect::individual ? in.groups() : in.timed_groups(name);
        return pick(effects_lm_tests(in.fit().residuals, groups, effect), name);
    }
    if (name == "king_wu") {
        const PanelGroups& groups = effect == PanelEffect::individual ? in.groups() : in.timed_groups(name);
        return king_wu(in.fit().residuals, groups, effect);
    }
    if (name == "ghm") {
        if (effect != PanelEffect::twoways) throw Error("ghm tests two-way effects: give --effect twoways");
        return ghm(in.fit().residuals, in.timed_groups(name));
    }
    if (name == "wooldridge_unobserved") {
        const PanelGroups& groups = effect == PanelEffect::individual ? in.groups() : in.timed_groups(name);
        return wooldridge_unobserved(in.fit().residuals, groups, effect);
    }
    if (name.rfind("bsy_lm_", 0) == 0) return pick(bsy_tests(in.fit().residuals, in.timed_groups(name)), name);
    if (name == "f_fe") {
        const auto& tests = in.fit().tests;
        const auto it = std::find_if(tests.begin(), tests.end(), [](const TestResult& t) { return t.name == "f_fe"; });
        if (it == tests.end()) throw Error("f_fe: the within fit did not compute it");
        return *it;
    }
    if (name == "wooldridge_ar1") return wooldridge_ar1(in.fit().residuals, in.timed_groups(name));
    if (name == "wooldridge_fd" || name == "wooldridge_fd_fe") {
        const auto& sample = in.fit().sample;
        return name == "wooldridge_fd" ? wooldridge_fd(in.fit().residuals, sample.entity, sample.period)
                                       : wooldridge_fd_fe(in.fit().residuals, sample.entity, sample.period);
    }
    if (name == "bg_serial") {
        const PanelGroups& groups = in.timed_groups(name);
        const auto [y, X] = in.transformed_regression();
        return bg_serial(y, X, groups, in.options().bg_order);
    }
    return pesaran_cd(in.fit().residuals, in.timed_groups(name));  // registry() lists no other name
}

}  // namespace

const std::vector<std::string>& panel_test_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& [name, models] : registry()) out.push_back(name);
        return out;
    }();
    return names;
}

std::vector<PanelModel> panel_test_models(const std::string& name) {
    for (const auto& [test, models] : registry())
        if (test == name) return models;
    std::string list;
    for (const auto& test : panel_test_names()) list += (list.empty() ? "" : ", ") + test;
    throw Error("unknown panel test '" + name + "' (accepted: " + list + ")");
}

std::string to_string(PanelModel model) {
    switch (model) {
        case PanelModel::pooled: return "pooled OLS";
        case PanelModel::random_effects: return "random effects";
        case PanelModel::within: return "within (one-way fixed effects)";
        case PanelModel::first_difference: return "first differences";
    }
    return "";
}

std::vector<TestResult> panel_tests(const std::vector<std::string>& names, PanelModel model, const Estimate& fit,
                                    const models::Design& design, const DiagnosticsOptions& options) {
    Inputs inputs(model, fit, design, options);
    std::vector<TestResult> out;
    for (const auto& name : names) {
        const auto models = panel_test_models(name);
        if (std::find(models.begin(), models.end(), model) == models.end())
            throw Error(name + " is not defined on a " + to_string(model) + " fit; it tests a " +
                        to_string(models.front()) + " fit");
        out.push_back(compute(name, inputs));
    }
    return out;
}

}  // namespace gvcpanel::estimators
