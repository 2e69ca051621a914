// sunab(cohort, period) against R fixest 0.12.1: every cohort x relative-period coefficient and
// standard error (--agg none), fixest's aggregations by period (the default rows), "ATT" and
// "cohort", and the pre-trend Wald statistic, with clustered (one- and two-way), iid and
// heteroskedasticity-robust covariances and weights; and the pre-trend test of an i(rel, ref = -1)
// event study against fixest's wald(). Values and calls: tests/fixtures/did/sunab_base_stagg.json
// (fixest's base_stagg, from ../shared) and sunab_small.json (our own staggered_small.csv), written
// by sunab_reference.R.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "cli/run_model.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel {
namespace {

using json = nlohmann::json;

// The issue asks coefficients to 1e-8 and clustered standard errors to 1e-6; fixest ran with
// fixef.tol = 1e-11 and its JSON keeps 15 digits.
constexpr double kSunabCoefRtol = 1e-8;
constexpr double kSunabSeRtol = 1e-6;
// Coefficients near zero compare absolutely below this magnitude (relative error is meaningless).
constexpr double kSunabFloor = 1e-6;

// The gvcpanel request of one recorded feols call: its formula, weights and covariance.
cli::ModelRequest request_for(const std::string& call) {
    std::smatch m;
    cli::ModelRequest request;
    if (!std::regex_search(call, m, std::regex(R"(feols\((.*?), (base_stagg|small),)"))) ADD_FAILURE() << call;
    request.model = m[1];
    if (std::regex_search(call, m, std::regex(R"(cluster = ~(\w+)( \+ (\w+))?)")))
        request.vcov = "cluster:" + std::string(m[1]) + (m[3].matched ? "+" + std::string(m[3]) : "");
    if (call.find("\"hetero\"") != std::string::npos) request.vcov = "hc1";
    if (call.find("weights = ~w") != std::string::npos) request.weights = "w";
    request.threads = 2;
    return request;
}

void expect_table(const estimators::Result& result, const json& table, const std::string& where) {
    ASSERT_EQ(result.coef.size(), table["names"].size()) << where;
    for (std::size_t j = 0; j < table["names"].size(); ++j) {
        const std::string name = table["names"][j];
        EXPECT_EQ(result.coef[j].name, name) << where;
        const auto& row = result.coefficient(name);
        EXPECT_TRUE(testing::close(where + " " + name, row.estimate, table["estimate"][j].get<double>(), kSunabCoefRtol,
                                   kSunabFloor));
        EXPECT_CLOSE(where + " " + name + " se", row.se, table["se"][j].get<double>(), kSunabSeRtol);
    }
}

void check_case(const data::Frame& frame, const std::string& key, const json& ref) {
    const std::string call = ref["call"];
    SCOPED_TRACE(key + ": " + call);
    cli::ModelRequest request = request_for(call);
    const auto period = cli::run_model(request, frame);
    EXPECT_EQ(period.nobs, ref["nobs"].get<std::size_t>());
    expect_table(period, ref["period"], key + " period");
    const auto* pretrend = period.test("pretrend");
    ASSERT_NE(pretrend, nullptr);
    EXPECT_EQ(pretrend->df[0], ref["pretrend"]["q"].get<double>());
    EXPECT_CLOSE(key + " pretrend", pretrend->stat * pretrend->df[0], ref["pretrend"]["stat_chi2"].get<double>(),
                 kSunabSeRtol);
    const std::pair<const char*, const char*> aggregations[] = {{"none", "cells"}, {"att", "att"}, {"cohort", "cohort"}};
    for (const auto& [agg, field] : aggregations) {
        request.agg = agg;
        expect_table(cli::run_model(request, frame), ref[field], key + " --agg " + agg);
    }
}

void check_all(const data::Frame& frame, const json& cases) {
    std::size_t checked = 0;
    for (const auto& [key, ref] : cases.items())
        if (ref.is_object() && ref["call"].get<std::string>().find("sunab(") != std::string::npos) {
            check_case(frame, key, ref);
            ++checked;
        }
    EXPECT_GE(checked, 2u);
}

TEST(SunAbrahamReference, OwnStaggeredPanel) {
    check_all(data::read_csv(testing::fixture("did/staggered_small.csv")),
              testing::read_json(testing::fixture("did/sunab_small.json")));
}

TEST(SunAbrahamReference, FixestBaseStagg) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    check_all(data::read_csv(testing::shared_data("wave2/base_stagg.csv")),
              testing::read_json(testing::fixture("did/sunab_base_stagg.json")));
}

TEST(EventStudyPretrendReference, TwoWayFixedEffectsLeadsAgainstFixestWald) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const json ref = testing::read_json(testing::fixture("did/sunab_base_stagg.json"))["twfe_event"];
    data::Frame frame = data::read_csv(testing::shared_data("wave2/base_stagg.csv"));
    // rel = ifelse(year_treated == 10000, -1, time_to_treatment), as the R script.
    std::vector<double> rel;
    for (std::size_t row = 0; row < frame.rows(); ++row)
        rel.push_back(frame.column("year_treated").number(row) == 10000 ? -1
                                                                        : frame.column("time_to_treatment").number(row));
    frame.add(data::Column::numeric("rel", std::move(rel)));
    const auto result = cli::run_model(request_for(ref["call"]), frame);
    expect_table(result, ref["coef"], "i(rel, ref = -1)");
    const auto* pretrend = result.test("pretrend");
    ASSERT_NE(pretrend, nullptr);
    EXPECT_EQ(pretrend->df[0], ref["wald"]["df1"].get<double>());
    // fixest's wald() takes its F's second df from the residuals (828); gvcpanel's clustered tests
    // use G - 1 (conventions.md), so the statistics match and the p-values differ.
    EXPECT_CLOSE("pretrend F", pretrend->stat, ref["wald"]["stat"].get<double>(), kSunabSeRtol);
}

}  // namespace
}  // namespace gvcpanel
