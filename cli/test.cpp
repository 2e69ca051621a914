// `gvcpanel test hausman --data FILE --model "FORMULA" --panel ID,TIME`: fits fixed and random
// effects on the same sample and prints their coefficients side by side with the classical Hausman
// test (plm's phtest) and the regression-based one clustered by entity (hausman_robust).
#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "cli/read_options.hpp"
#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/panel/hausman.hpp"
#include "estimators/panel/random_effects.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "models/build_design.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

void print_text(const estimators::Estimate& fixed, const estimators::Estimate& random,
                const std::vector<estimators::TestResult>& tests) {
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
    for (const auto& t : tests)
        std::printf("%-16s chi2(%g) = %.8g   p = %.6g\n  %s\n", t.name.c_str(), t.df.at(0), t.stat, t.p, t.note.c_str());
}

}  // namespace

int run_test(const Args& args) {
    ModelRequest request;
    std::string data_path, format;
    ReadSettings reading;
    po::options_description options("gvcpanel test hausman --data FILE --model \"FORMULA\" --panel ID,TIME");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("test", po::value<std::string>()->required(), "the test: hausman")
        ("data", po::value(&data_path)->required(), "the table (CSV or Stata .dta)")
        ("model", po::value(&request.model)->required(), "the formula, without fixed effects: y ~ x1 + x2")
        ("panel", po::value(&request.panel)->required(), "entity and time columns: ID,TIME")
        ("effect", po::value(&request.effect)->default_value("individual"), "individual, time, twoways")
        ("re-method", po::value(&request.re_method)->default_value("swar"), "swar, amemiya, walhus, nerlove")
        ("format", po::value(&format)->default_value("text"), "text or json");
    // clang-format on
    add_read_options(options, reading);
    po::positional_options_description positional;
    positional.add("test", 1);
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, &positional, ""}, values)) return 0;
    const std::string test = values["test"].as<std::string>();
    if (test != "hausman") throw Error("gvcpanel test '" + test + "': accepted is hausman");
    if (format != "text" && format != "json") throw Error("--format '" + format + "': accepted are text, json");
    request.estimator = "re";
    const auto spec = model_spec(request);
    if (spec.panel_time.empty()) throw Error("gvcpanel test hausman needs --panel ID,TIME");
    auto read = read_options(reading);
    read.columns = columns_needed(request);
    read.category_columns = category_columns({&request});
    const auto frame = data::read_table(data_path, read);
    const data::PanelIndex panel(frame, spec.panel_id, spec.panel_time);
    const auto design = models::build_design(spec, frame, &panel);

    estimators::RandomEffectsOptions re_options;
    re_options.method = estimators::parse_re_method(request.re_method);
    re_options.effect = estimators::parse_effect(request.effect);
    const auto random = estimators::random_effects(design, re_options);
    auto fe_design = design;
    const auto as_grouping = [](const char* name, const std::vector<std::int32_t>& codes) {
        models::Grouping g;
        g.name = name;
        g.codes = codes;
        g.levels = codes.empty() ? 0 : *std::max_element(codes.begin(), codes.end()) + 1;
        return g;
    };
    if (re_options.effect != estimators::PanelEffect::time)
        fe_design.sample.fixed_effects.push_back(as_grouping("entity", design.sample.entity));
    if (re_options.effect != estimators::PanelEffect::individual)
        fe_design.sample.fixed_effects.push_back(as_grouping("period", design.sample.period));
    estimators::WithinOptions within_options;
    within_options.fe_test = false;
    const auto fixed = estimators::within(std::move(fe_design), within_options);
    estimators::InferenceOptions robust;
    robust.vcov.type = estimators::inference::VcovType::cluster;  // no variable named: by the panel entity
    const std::vector<estimators::TestResult> tests = {estimators::hausman(fixed, random),
                                                       estimators::hausman_regression(design, re_options, robust)};
    if (format == "json") {
        nlohmann::ordered_json out = {{"formula", request.model}, {"nobs", design.nobs()}, {"tests", nlohmann::ordered_json::array()}};
        for (const auto& t : tests)
            out["tests"].push_back({{"name", t.name}, {"stat", t.stat}, {"df", t.df.at(0)}, {"p", t.p}, {"note", t.note}});
        std::cout << out.dump(2) << "\n";
    } else {
        print_text(fixed, random, tests);
    }
    return 0;
}

}  // namespace gvcpanel::cli
