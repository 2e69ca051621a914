// The panel specification tests of issue 16 against R 4.2.2 plm 2.6-2 on Produc, Wages, Crime (balanced),
// EmplUK (unbalanced) and Hedonic (towns without time): pwtest (wooldridge_unobserved, individual and
// time), pbsytest (bsy_lm_serial, bsy_lm_individual, bsy_lm_joint), plmtest type "kw" (king_wu; one-way
// and two-way) and "ghm", bp_lm and honda two-way, pcdtest and pbgtest on the pooled and random-effects
// fits, and pwfdtest with h0 = "fe" (wooldridge_fd_fe). Values and calls in
// tests/fixtures/plm/panel_tests_*.json, written by tests/fixtures/plm/make_panel_tests_fixtures.R.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/panel/first_difference.hpp"
#include "estimators/panel/panel_diagnostics.hpp"
#include "estimators/panel/panel_tests.hpp"
#include "estimators/panel/random_effects.hpp"
#include "models/build_design.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kStatRtol;

struct Dataset {
    const char* name;
    const char* formula;
    const char* id;
    const char* time;
};

models::Design design(const Dataset& d) {
    const data::Frame frame = data::read_csv(testing::reference_data(std::string(d.name) + ".csv"));
    const data::PanelIndex panel(frame, d.id, d.time);
    auto spec = models::parse_model(d.formula);
    spec.panel_id = d.id;
    spec.panel_time = d.time;
    return models::build_design(spec, frame, &panel);
}

void check(const TestResult& ours, const nlohmann::json& peer) {
    SCOPED_TRACE(peer.at("call").get<std::string>());
    EXPECT_CLOSE(ours.name + " stat", ours.stat, peer.at("stat").get<double>(), kStatRtol);
    EXPECT_CLOSE(ours.name + " p", ours.p, peer.at("p").get<double>(), kStatRtol);
    if (peer.contains("df")) {
        auto df = peer.at("df").is_array() ? peer.at("df").get<std::vector<double>>()
                                           : std::vector<double>{peer.at("df").get<double>()};
        if (ours.name == "ghm") df.resize(3);  // plm lists the mixture's weights after its degrees of freedom
        EXPECT_EQ(ours.df, df) << ours.name;
    } else {
        EXPECT_TRUE(ours.df.empty()) << ours.name << ": a standard normal statistic";
    }
}

TestResult one(const std::string& name, PanelModel model, const Estimate& fit, const models::Design& d,
               PanelEffect effect = PanelEffect::individual, int order = 1) {
    DiagnosticsOptions options;
    options.random_effects.effect = effect;
    options.bg_order = order;
    return panel_tests({name}, model, fit, d, options).front();
}

class PlmPanelTests : public ::testing::TestWithParam<Dataset> {};

TEST_P(PlmPanelTests, MatchPlm) {
    const Dataset& data = GetParam();
    const auto peer = testing::read_json(testing::fixture(std::string("plm/panel_tests_") + data.name + ".json")).at("tests");
    const auto d = design(data);
    const Estimate pooled = ols(d);
    check(one("wooldridge_unobserved", PanelModel::pooled, pooled, d), peer.at("wooldridge_unobserved"));
    check(one("king_wu", PanelModel::pooled, pooled, d), peer.at("king_wu"));
    if (!peer.contains("bsy_lm_serial")) return;  // Hedonic: no time

    check(one("wooldridge_unobserved", PanelModel::pooled, pooled, d, PanelEffect::time),
          peer.at("wooldridge_unobserved_time"));
    for (const char* name : {"bsy_lm_serial", "bsy_lm_individual", "bsy_lm_joint"})
        check(one(name, PanelModel::pooled, pooled, d), peer.at(name));
    check(one("king_wu", PanelModel::pooled, pooled, d, PanelEffect::time), peer.at("king_wu_time"));
    check(one("king_wu", PanelModel::pooled, pooled, d, PanelEffect::twoways), peer.at("king_wu_twoways"));
    check(one("ghm", PanelModel::pooled, pooled, d, PanelEffect::twoways), peer.at("ghm"));
    check(one("bp_lm", PanelModel::pooled, pooled, d, PanelEffect::twoways), peer.at("bp_lm_twoways"));
    check(one("honda", PanelModel::pooled, pooled, d, PanelEffect::twoways), peer.at("honda_twoways"));
    check(one("pesaran_cd", PanelModel::pooled, pooled, d), peer.at("pesaran_cd_pooled"));
    check(one("bg_serial", PanelModel::pooled, pooled, d), peer.at("bg_serial_pooled"));
    check(one("bg_serial", PanelModel::pooled, pooled, d, PanelEffect::individual, 2), peer.at("bg_serial_pooled_order2"));

    const Estimate random = random_effects(d);
    check(one("pesaran_cd", PanelModel::random_effects, random, d), peer.at("pesaran_cd_random"));
    check(one("bg_serial", PanelModel::random_effects, random, d), peer.at("bg_serial_random"));

    const Estimate fd = first_difference(d);
    check(one("wooldridge_fd", PanelModel::first_difference, fd, d), peer.at("wooldridge_fd"));
    check(one("wooldridge_fd_fe", PanelModel::first_difference, fd, d), peer.at("wooldridge_fd_fe"));
}

INSTANTIATE_TEST_SUITE_P(
    Datasets, PlmPanelTests,
    ::testing::Values(Dataset{"produc", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp", "state", "year"},
                      Dataset{"wages", "lwage ~ exp + I(exp^2) + wks + ed", "id", "year"},
                      Dataset{"crime", "lcrmrte ~ lprbarr + lprbconv + lprbpris + lavgsen + lpolpc", "county", "year"},
                      Dataset{"empluk", "log(emp) ~ log(wage) + log(capital)", "firm", "year"},
                      Dataset{"hedonic",
                              "mv ~ crim + zn + indus + chas + nox + rm + age + dis + rad + tax + ptratio + blacks + lstat",
                              "townid", ""}),
    [](const ::testing::TestParamInfo<Dataset>& info) { return std::string(info.param.name); });

// --diagnostics on pooled OLS and first differences adds the documented sets; without the time only
// the tests that need none, with a note.
TEST(PanelDiagnostics, PooledAndFirstDifferenceSets) {
    const Dataset produc{"produc", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp", "state", "year"};
    const auto d = design(produc);
    Estimate pooled = ols(d);
    add_diagnostics(pooled, d);
    std::vector<std::string> names;
    for (const auto& t : pooled.tests) names.push_back(t.name);
    EXPECT_EQ(names, (std::vector<std::string>{"bp_lm", "honda", "wooldridge_unobserved", "bsy_lm_serial",
                                               "bsy_lm_individual", "bsy_lm_joint", "bg_serial", "pesaran_cd"}));
    Estimate fd = first_difference(d);
    add_diagnostics(fd, d);
    ASSERT_EQ(fd.tests.size(), 2u);
    EXPECT_EQ(fd.tests[1].name, "wooldridge_fd_fe");

    const Dataset hedonic{"hedonic", "mv ~ crim + nox + rm", "townid", ""};
    const auto h = design(hedonic);
    Estimate towns = ols(h);
    add_diagnostics(towns, h);
    names.clear();
    for (const auto& t : towns.tests) names.push_back(t.name);
    EXPECT_EQ(names, (std::vector<std::string>{"bp_lm", "honda", "wooldridge_unobserved"}));
    ASSERT_FALSE(towns.notes.empty());
    EXPECT_NE(towns.notes.back().find("need the time"), std::string::npos) << towns.notes.back();
}

// A test asked of a fit it is not defined on, or an unknown name, is an error naming what it tests.
TEST(PanelTests, RefusesAWrongFitOrName) {
    const Dataset produc{"produc", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp", "state", "year"};
    const auto d = design(produc);
    const Estimate fd = first_difference(d);
    EXPECT_THROW(one("bsy_lm_joint", PanelModel::first_difference, fd, d), Error);
    EXPECT_THROW(panel_test_models("pwtest"), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
