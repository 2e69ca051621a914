// `gvcpanel test NAME... --data FILE --model "FORMULA" --panel ID[,TIME]`: the panel specification
// tests by name (estimators/panel/panel_tests), each on the fit it belongs to, or on the fit of
// --estimator for those defined on several (bg_serial, pesaran_cd; ols with a fixed-effects part is
// the within fit). `hausman` alone prints the two fits' coefficients side by side with both Hausman
// tests (hausman and hausman_robust), as before.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "cli/read_options.hpp"
#include "cli/run_model.hpp"
#include "cli/test_spatial.hpp"
#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/panel/first_difference.hpp"
#include "estimators/panel/panel_tests.hpp"
#include "estimators/panel/random_effects.hpp"
#include "estimators/result.hpp"
#include "models/build_design.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

using estimators::PanelModel;

void print_side_by_side(const estimators::Estimate& fixed, const estimators::Estimate& random) {
    std::printf("%-24s %16s %16s %16s %16s\n", "", "fixed (within)", "random (re)", "difference", "sqrt(diag(Vfe-Vre))");
    for (std::size_t j = 0; j < fixed.names.size(); ++j) {
        for (std::size_t r = 0; r < random.names.size(); ++r) {
            if (random.names[r] != fixed.names[j]) continue;
            const double v = fixed.sigma2 * fixed.bread(j, j) - random.sigma2 * random.bread(r, r);
            std::printf("%-24s %16.8g %16.8g %16.8g %16.8g\n", fixed.names[j].c_str(), fixed.coef(j), random.coef(r),
                        fixed.coef(j) - random.coef(r), v > 0 ? std::sqrt(v) : std::nan(""));
        }
    }
    std::printf("\n");
}

void print_test(const estimators::TestResult& t, PanelModel model) {
    std::string df;
    for (const double d : t.df) df += (df.empty() ? "" : ", ") + std::to_string(static_cast<long long>(d));
    std::printf("%-22s %-10s %16.8g   p = %-12.6g on %s\n  %s\n", t.name.c_str(),
                t.df.empty() ? "z" : t.df.size() == 2 ? ("F(" + df + ")").c_str() : ("chi2(" + df + ")").c_str(),
                t.stat, t.p, to_string(model).c_str(), t.note.c_str());
}

models::Grouping as_grouping(const std::string& name, const std::vector<std::int32_t>& codes) {
    models::Grouping g;
    g.name = name;
    g.codes = codes;
    g.levels = codes.empty() ? 0 : *std::max_element(codes.begin(), codes.end()) + 1;
    return g;
}

// The design with the panel's entity (and period, for time or two-way effects) as fixed effects,
// unless it has a fixed-effects part: the within fit.
models::Design with_fixed_effects(models::Design design, const std::string& id,
                                  estimators::PanelEffect effect = estimators::PanelEffect::individual) {
    if (!design.sample.fixed_effects.empty()) return design;
    if (effect != estimators::PanelEffect::time)
        design.sample.fixed_effects.push_back(as_grouping(id, design.sample.entity));
    if (effect != estimators::PanelEffect::individual)
        design.sample.fixed_effects.push_back(as_grouping("period", design.sample.period));
    design.has_intercept = false;
    const auto intercept = std::find(design.names.begin(), design.names.end(), "(Intercept)");
    if (intercept != design.names.end()) {
        design.X.shed_col(static_cast<arma::uword>(intercept - design.names.begin()));
        design.names.erase(intercept);
    }
    return design;
}

// The fit of --estimator: ols is pooled without a fixed-effects part and within with one.
PanelModel model_of(const std::string& estimator, const models::Design& design) {
    if (estimator == "re") return PanelModel::random_effects;
    if (estimator == "fd") return PanelModel::first_difference;
    if (estimator == "ols") return design.sample.fixed_effects.empty() ? PanelModel::pooled : PanelModel::within;
    throw Error("gvcpanel test --estimator '" + estimator + "': accepted are ols (pooled, or within with '| ID'), re, fd");
}

struct Fitted {
    models::Design design;
    estimators::Estimate estimate;
};

Fitted fit_model(PanelModel model, const models::Design& design, const std::string& id,
                 const estimators::RandomEffectsOptions& re_options) {
    switch (model) {
        case PanelModel::pooled: return {design, estimators::ols(design)};
        case PanelModel::random_effects: return {design, estimators::random_effects(design, re_options)};
        case PanelModel::first_difference: return {design, estimators::first_difference(design)};
        case PanelModel::within: break;
    }
    auto within_design = with_fixed_effects(design, id);
    auto estimate = estimators::within(within_design);
    return {std::move(within_design), std::move(estimate)};
}

}  // namespace

int run_test(const Args& args) {
    if (!args.empty() && is_spatial_test(args.front())) return run_spatial_test(args);
    ModelRequest request;
    std::string data_path, format;
    int order = 1;
    std::vector<std::string> names;
    ReadSettings reading;
    po::options_description options(
        "gvcpanel test NAME... --data FILE --model \"FORMULA\" --panel ID[,TIME] [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("test", po::value(&names)->required(), "the tests: hausman, hausman_robust, bp_lm, honda, king_wu, ghm, "
         "wooldridge_unobserved, bsy_lm_serial, bsy_lm_individual, bsy_lm_joint, f_fe, wooldridge_ar1, "
         "wooldridge_fd, wooldridge_fd_fe, bg_serial, pesaran_cd")
        ("data", po::value(&data_path)->required(), "the table (CSV or Stata .dta)")
        ("model", po::value(&request.model)->required(), "the formula: y ~ x1 + x2 (y ~ x1 + x2 | ID: the within fit)")
        ("panel", po::value(&request.panel)->required(), "entity and time columns: ID,TIME (ID alone: tests without time)")
        ("estimator", po::value(&request.estimator), "the fit of bg_serial and pesaran_cd: ols (default), re")
        ("effect", po::value(&request.effect)->default_value("individual"), "individual, time, twoways")
        ("re-method", po::value(&request.re_method)->default_value("swar"), "swar, amemiya, walhus, nerlove")
        ("order", po::value(&order)->default_value(1), "bg_serial: the order of the serial correlation")
        ("format", po::value(&format)->default_value("text"), "text or json");
    // clang-format on
    add_read_options(options, reading);
    po::positional_options_description positional;
    positional.add("test", -1);
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, &positional, ""}, values)) return 0;
    if (format != "text" && format != "json") throw Error("--format '" + format + "': accepted are text, json");
    for (const auto& name : names) estimators::panel_test_models(name);  // unknown names fail before reading
    const bool hausman_alone = names == std::vector<std::string>{"hausman"};
    if (hausman_alone) names.push_back("hausman_robust");
    const std::string estimator = request.estimator;
    request.estimator = estimator.empty() ? "ols" : estimator;
    const auto spec = model_spec(request);
    auto read = read_options(reading);
    read.columns = columns_needed(request);
    read.category_columns = category_columns({&request});
    const auto frame = data::read_table(data_path, read);
    const data::PanelIndex panel(frame, spec.panel_id, spec.panel_time);
    const auto design = models::build_design(spec, frame, &panel);

    estimators::DiagnosticsOptions diagnostics;
    diagnostics.random_effects.method = estimators::parse_re_method(request.re_method);
    diagnostics.random_effects.effect = estimators::parse_effect(request.effect);
    diagnostics.bg_order = order;
    // The fit of each test: --estimator's for the tests defined on it, else the test's own.
    std::map<PanelModel, Fitted> fits;
    std::vector<std::pair<estimators::TestResult, PanelModel>> results;
    const PanelModel asked = model_of(request.estimator, design);
    for (const auto& name : names) {
        const auto models = estimators::panel_test_models(name);
        const bool on_asked = !estimator.empty() && std::find(models.begin(), models.end(), asked) != models.end();
        const PanelModel model = on_asked ? asked : models.front();
        if (!fits.count(model)) fits.emplace(model, fit_model(model, design, spec.panel_id, diagnostics.random_effects));
        const Fitted& fitted = fits.at(model);
        results.emplace_back(
            estimators::panel_tests({name}, model, fitted.estimate, fitted.design, diagnostics).front(), model);
    }

    if (format == "json") {
        nlohmann::ordered_json out = {{"formula", request.model}, {"nobs", design.nobs()}, {"tests", nlohmann::ordered_json::array()}};
        for (const auto& [test, model] : results) {
            auto entry = estimators::to_json(test);
            entry["fit"] = to_string(model);
            out["tests"].push_back(std::move(entry));
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    if (hausman_alone) {
        estimators::WithinOptions within_options;
        within_options.fe_test = false;
        const auto within_design = with_fixed_effects(design, spec.panel_id, diagnostics.random_effects.effect);
        print_side_by_side(estimators::within(within_design, within_options), fits.at(PanelModel::random_effects).estimate);
    }
    for (const auto& [test, model] : results) print_test(test, model);
    return 0;
}

}  // namespace gvcpanel::cli
