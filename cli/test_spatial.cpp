// `gvcpanel test moran --data F --panel ID,TIME --variable v --spatial W.csv` (Moran's I by period and
// pooled) and `gvcpanel test lm_lag lm_error rlm_lag rlm_error --data F --panel ID,TIME --model
// "y ~ x | ID" --spatial W.csv` (Anselin's LM tests on the pooled or within residuals): the spatial
// tests of docs/spatial.md, run by `gvcpanel test` when it is given their names.
#include <boost/program_options.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/parse_command.hpp"
#include "cli/read_options.hpp"
#include "cli/run_model.hpp"
#include "cli/spatial_data.hpp"
#include "cli/test_spatial.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/result.hpp"
#include "estimators/spatial/spatial_tests.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

namespace sp = estimators::spatial;

estimators::TestResult moran_entry(const std::string& name, const sp::MoranResult& moran, bool randomisation) {
    estimators::TestResult test;
    test.name = name;
    test.stat = moran.I;
    test.p = moran.p;
    test.note = std::string("Moran's I; p of z = (I - E[I]) / sqrt(Var[I]), upper tail; moments under ") +
                (randomisation ? "randomisation" : "normality");
    test.extra["expectation"] = moran.expectation;
    test.extra["variance"] = moran.variance;
    test.extra["z"] = moran.z;
    return test;
}

// Moran's I of the outcome period by period (moran:<period>) and pooled (moran).
std::vector<estimators::TestResult> moran_tests(const SpatialData& data, bool randomisation) {
    const auto& panel = data.panel;
    std::vector<estimators::TestResult> tests;
    for (arma::uword t = 0; t < panel.periods; ++t)
        tests.push_back(moran_entry("moran:" + data.period_labels[t],
                                    sp::moran(panel.y.subvec(t * panel.units, (t + 1) * panel.units - 1), panel.W, 1, randomisation),
                                    randomisation));
    tests.push_back(moran_entry("moran", sp::moran(panel.y, panel.W, panel.periods, randomisation), randomisation));
    return tests;
}

bool is_lm_test(const std::string& name) {
    return name == "lm_lag" || name == "lm_error" || name == "rlm_lag" || name == "rlm_error";
}

}  // namespace

bool is_spatial_test(const std::string& name) { return name == "moran" || is_lm_test(name); }

int run_spatial_test(const Args& args) {
    ModelRequest request;
    std::string data_path, variable, format;
    bool normality = false;
    std::vector<std::string> names;
    ReadSettings reading;
    po::options_description options(
        "gvcpanel test moran --data F --panel ID,TIME --variable v --spatial W.csv\n"
        "gvcpanel test lm_lag lm_error rlm_lag rlm_error --data F --panel ID,TIME --model \"y ~ x [| ID]\" --spatial W.csv");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("test", po::value(&names)->required(), "moran, or any of lm_lag, lm_error, rlm_lag, rlm_error")
        ("data", po::value(&data_path)->required(), "the table")
        ("panel", po::value(&request.panel)->required(), "entity and time columns: ID,TIME")
        ("spatial", po::value(&request.spatial)->required(), "the spatial weights (gvcpanel weights)")
        ("variable", po::value(&variable), "moran: the variable")
        ("model", po::value(&request.model), "LM tests: the formula; a fixed-effects part (ID, TIME) gives the within residuals")
        ("normality", po::bool_switch(&normality), "moran: moments under normality (default: randomisation, as spdep)")
        ("format", po::value(&format)->default_value("text"), "text or json");
    // clang-format on
    add_read_options(options, reading);
    po::positional_options_description positional;
    positional.add("test", -1);
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, &positional, "See docs/spatial.md.\n"}, values)) return 0;
    if (format != "text" && format != "json") throw Error("--format '" + format + "': accepted are text, json");
    const bool moran = names == std::vector<std::string>{"moran"};
    for (const auto& name : names)
        if (!is_lm_test(name) && !moran)
            throw Error("test " + name + ": moran is asked alone; the LM tests are lm_lag, lm_error, rlm_lag, rlm_error");
    if (moran == variable.empty()) throw Error(moran ? "test moran needs --variable v" : "the LM tests need --model, not --variable");
    if (moran) request.model = variable + " ~ 1";
    request.estimator = "ols";
    const auto spec = model_spec(request);
    auto read = read_options(reading);
    read.columns = columns_needed(request);
    const auto frame = data::read_table(data_path, read);
    const data::PanelIndex panel(frame, spec.panel_id, spec.panel_time);
    const auto data = spatial_data(spec, frame, &panel, request.spatial, "test " + names.front());

    std::vector<estimators::TestResult> tests;
    if (moran) {
        tests = moran_tests(data, !normality);
    } else {
        const auto y = sp::sweep_effects(data.panel.y, data.panel.units, data.panel.periods, data.effects);
        const auto X = sp::sweep_effects(data.panel.X, data.panel.units, data.panel.periods, data.effects);
        for (auto& test : sp::lm_tests(y, X, data.panel.W, data.panel.periods))
            if (std::find(names.begin(), names.end(), test.name) != names.end()) tests.push_back(test);
    }
    if (format == "json") {
        nlohmann::ordered_json out = {{"formula", request.model}, {"nobs", data.design.nobs()}, {"tests", nlohmann::ordered_json::array()}};
        for (const auto& test : tests) out["tests"].push_back(estimators::to_json(test));
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    for (const auto& test : tests)
        std::printf("%-16s %16.8g   p = %-12.6g%s\n", test.name.c_str(), test.stat, test.p,
                    test.extra.contains("z") ? ("  (z = " + std::to_string(test.extra["z"].get<double>()) + ")").c_str() : "  chi2(1)");
    return 0;
}

}  // namespace gvcpanel::cli
