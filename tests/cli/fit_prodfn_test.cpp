// `gvcpanel fit --estimator op|lp|acf|wrdg` as a user runs it: the estimate through the command line equals
// the reference of tests/fixtures/prodfn (prodfn_reference.R), --save-tfp writes omega = y - inputs'beta
// per firm-year, the firm bootstrap gives the same numbers on 1 and 2 threads, and bad requests get a
// message saying what to do.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/run_program.hpp"

namespace gvcpanel::testing {
namespace {

// As tests/estimators/prodfn: our minimum against R's root of the criterion's gradient.
constexpr double kThetaRtol = 1e-6;
// omega is y - inputs'beta from the 17-digit CSV and coefficients: rounding only.
constexpr double kOmegaRtol = 1e-12;

std::string lp_call(const std::string& extra) {
    return "fit --data " + fixture("prodfn/cd_panel.csv") + " --model \"y ~ l + k\" --estimator lp --state k "
           "--proxy m --panel firm,year --format json " + extra;
}

TEST(FitProdfn, LevinsohnPetrinAndSavedTfp) {
    const std::string tfp = temp_dir() + "/tfp.csv";
    const auto r = run_program(lp_call("--control exporter --save-tfp " + tfp));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto result = nlohmann::json::parse(r.out);
    const auto ref = read_json(fixture("prodfn/prodfn_reference.json"))["lp_control"];
    const double bl = result["coef"][0]["estimate"], bk = result["coef"][1]["estimate"];
    EXPECT_CLOSE("k", bk, ref["minimum"].get<double>(), kThetaRtol);
    EXPECT_CLOSE("returns_to_scale", result["stats"]["returns_to_scale"].get<double>(), bl + bk, kCoefRtol);
    EXPECT_EQ(result["stats"]["n_firms"], 200);

    std::ifstream saved(tfp), data(fixture("prodfn/cd_panel.csv"));
    std::string header, line, row;
    std::getline(saved, header);
    EXPECT_EQ(header, "firm,year,omega,elasticity_l,elasticity_k");
    std::getline(data, row);
    std::size_t rows = 0;
    while (std::getline(saved, line) && std::getline(data, row)) {
        std::stringstream a(line), b(row);
        std::string firm, year, omega, el, ek, dfirm, dyear, y, l, k;
        std::getline(a, firm, ',');
        std::getline(a, year, ',');
        std::getline(a, omega, ',');
        std::getline(a, el, ',');
        std::getline(b, dfirm, ',');
        std::getline(b, dyear, ',');
        std::getline(b, y, ',');
        std::getline(b, l, ',');
        std::getline(b, k, ',');
        ASSERT_EQ(firm + "," + year, dfirm + "," + dyear);
        EXPECT_CLOSE("omega", std::stod(omega), std::stod(y) - bl * std::stod(l) - bk * std::stod(k), kOmegaRtol);
        EXPECT_EQ(std::stod(el), bl);
        ++rows;
    }
    EXPECT_EQ(rows, 1792u);
}

// Wooldridge's translog through the command line: the rows named as architecture.md asks, analytic SEs
// clustered by firm, Hansen's J, and --save-tfp's per-observation elasticities b_l + 2 b_ll l + b_lk k.
TEST(FitProdfn, WooldridgeTranslogWithElasticitiesPerObservation) {
    const std::string tfp = temp_dir() + "/tfp.csv";
    const auto r = run_program("fit --data " + fixture("prodfn/cd_panel.csv") + " --model \"y ~ l + k\" --estimator wrdg "
                               "--state k --proxy m --translog --panel firm,year --format json --save-tfp " + tfp);
    ASSERT_EQ(r.status, 0) << r.err;
    const auto result = nlohmann::json::parse(r.out);
    const auto ref = read_json(fixture("prodfn/prodfn_reference.json"))["wrdg_translog"];
    std::vector<double> b;
    for (std::size_t j = 0; j < 5; ++j) {
        EXPECT_CLOSE(result["coef"][j]["name"].get<std::string>(), result["coef"][j]["estimate"].get<double>(),
                     ref["coef"][j].get<double>(), kCoefRtol);
        EXPECT_CLOSE("se", result["coef"][j]["se"].get<double>(), ref["se"][j].get<double>(), 1e-6);
        b.push_back(result["coef"][j]["estimate"]);
    }
    EXPECT_EQ(result["coef"][2]["name"], "I(l^2)");
    EXPECT_EQ(result["coef"][3]["name"], "l:k");
    EXPECT_EQ(result["tests"][0]["name"], "hansen");
    EXPECT_TRUE(result["stats"].contains("elasticity_mean"));

    std::ifstream saved(tfp), data(fixture("prodfn/cd_panel.csv"));
    std::string line, row;
    std::getline(saved, line);
    EXPECT_EQ(line, "firm,year,omega,elasticity_l,elasticity_k");
    std::getline(data, row);
    for (int i = 0; i < 50 && std::getline(saved, line) && std::getline(data, row); ++i) {
        std::vector<double> s, d;
        std::stringstream a(line), c(row);
        for (std::string cell; std::getline(a, cell, ',');) s.push_back(std::stod(cell));
        for (std::string cell; std::getline(c, cell, ',');) d.push_back(std::stod(cell));
        const double l = d[3], k = d[4];
        EXPECT_CLOSE("elasticity_l", s[3], b[0] + 2 * b[2] * l + b[3] * k, kOmegaRtol);
        EXPECT_CLOSE("elasticity_k", s[4], b[1] + 2 * b[4] * k + b[3] * l, kOmegaRtol);
    }
}

// De Loecker-Warzynski markups of labour after LP (l taken as the log wage bill) against the formula
// computed in R from lm's first stage (prodfn_reference.R, lp_markups): the same first-stage
// coefficient and residuals, so agreement to the coefficients' 1e-8.
TEST(FitProdfn, MarkupsAreElasticityOverCorrectedShare) {
    const std::string tfp = temp_dir() + "/tfp.csv";
    const auto r = run_program(lp_call("--markups --save-tfp " + tfp));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto result = nlohmann::json::parse(r.out);
    const auto ref = read_json(fixture("prodfn/prodfn_reference.json"))["lp_markups"];
    EXPECT_EQ(result["stats"]["markup_input"], "l");
    EXPECT_CLOSE("markup_mean", result["stats"]["markup_mean"].get<double>(), ref["mean"].get<double>(), kCoefRtol);
    EXPECT_CLOSE("markup_median", result["stats"]["markup_median"].get<double>(), ref["median"].get<double>(), kCoefRtol);
    std::ifstream saved(tfp);
    std::string line;
    std::getline(saved, line);
    EXPECT_EQ(line, "firm,year,omega,elasticity_l,elasticity_k,markup");
    for (std::size_t i = 0; i < 5 && std::getline(saved, line); ++i)
        EXPECT_CLOSE("markup", std::stod(line.substr(line.rfind(',') + 1)), ref["first"][i].get<double>(), kCoefRtol);
}

TEST(FitProdfn, FirmBootstrapIsReproducibleAcrossThreads) {
    const auto one = run_program(lp_call("--bootstrap 20 --seed 5 --threads 1"));
    const auto two = run_program(lp_call("--bootstrap 20 --seed 5 --threads 2"));
    ASSERT_EQ(one.status, 0) << one.err;
    ASSERT_EQ(two.status, 0) << two.err;
    const auto a = nlohmann::json::parse(one.out), b = nlohmann::json::parse(two.out);
    EXPECT_EQ(a["vcov"], "bootstrap:cluster:firm:20");
    EXPECT_EQ(a["stats"]["n_clusters"]["firm"], 200);
    for (std::size_t j = 0; j < 2; ++j) {
        EXPECT_GT(a["coef"][j]["se"].get<double>(), 0.0);
        EXPECT_EQ(a["coef"][j]["se"], b["coef"][j]["se"]);
    }
}

TEST(FitProdfn, ClearErrors) {
    const auto data = fixture("prodfn/cd_panel.csv");
    const auto no_proxy = run_program("fit --data " + data + " --model \"y ~ l + k\" --estimator lp --state k --panel firm,year");
    EXPECT_NE(no_proxy.status, 0);
    EXPECT_NE(no_proxy.err.find("--proxy"), std::string::npos) << no_proxy.err;
    const auto no_time = run_program("fit --data " + data + " --model \"y ~ l + k\" --estimator lp --state k --proxy m --panel firm");
    EXPECT_NE(no_time.status, 0);
    EXPECT_NE(no_time.err.find("FIRM,TIME"), std::string::npos) << no_time.err;
    const auto bad_state = run_program(lp_call("").replace(lp_call("").find("--state k"), 9, "--state z"));
    EXPECT_NE(bad_state.status, 0);
    EXPECT_NE(bad_state.err.find("--state z"), std::string::npos) << bad_state.err;
    const auto start = run_program(lp_call("--start l=0.5"));
    EXPECT_NE(start.status, 0);
    EXPECT_NE(start.err.find("estimates k"), std::string::npos) << start.err;
    const auto gross = run_program(lp_call("--gross-output").replace(lp_call("").find("l + k"), 5, "l + m + k"));
    EXPECT_NE(gross.status, 0);
    EXPECT_NE(gross.err.find("wrdg estimates gross output"), std::string::npos) << gross.err;
    const auto robust = run_program(lp_call("--vcov robust"));
    EXPECT_NE(robust.status, 0);
    EXPECT_NE(robust.err.find("--bootstrap B"), std::string::npos) << robust.err;
}

}  // namespace
}  // namespace gvcpanel::testing
