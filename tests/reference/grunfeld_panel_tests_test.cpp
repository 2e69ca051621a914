// Specification tests on Grunfeld (inv ~ value + capital, --panel firm,year) against R 4.2.2
// plm 2.6-2 in tests/reference/expected: plmtest, pcdtest and pbgtest on the pooled fit
// (grunfeld_pooling), pFtest, pbgtest, pwartest, pcdtest on the within fit
// (grunfeld_within_individual), pwfdtest (grunfeld_fd), phtest (grunfeld_random_*); each file
// records the exact calls. The diagnostics step (estimators/panel/panel_diagnostics) is checked too.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/panel/cross_section_dependence.hpp"
#include "estimators/panel/effects_lm_test.hpp"
#include "estimators/panel/first_difference.hpp"
#include "estimators/panel/hausman.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/panel/panel_diagnostics.hpp"
#include "estimators/panel/random_effects.hpp"
#include "estimators/panel/serial_correlation.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "models/build_design.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kStatRtol;

using testing::expected;

models::Design grunfeld(const std::string& formula = "inv ~ value + capital") {
    static const data::Frame frame = data::read_csv(testing::reference_data("grunfeld.csv"));
    static const data::PanelIndex panel(frame, "firm", "year");
    auto spec = models::parse_model(formula);
    spec.panel_id = "firm";
    spec.panel_time = "year";
    return models::build_design(spec, frame, &panel);
}

void check(const TestResult& test, const nlohmann::json& peer) {
    EXPECT_CLOSE(test.name + " stat", test.stat, peer.at("stat").get<double>(), kStatRtol);
    EXPECT_CLOSE(test.name + " p", test.p, peer.at("p").get<double>(), kStatRtol);
    if (peer.contains("df")) {
        const auto df = peer.at("df").is_array() ? peer.at("df").get<std::vector<double>>()
                                                 : std::vector<double>{peer.at("df").get<double>()};
        EXPECT_EQ(test.df, df) << test.name;
    }
}

const TestResult& find(const Estimate& fit, const std::string& name) {
    const auto it = std::find_if(fit.tests.begin(), fit.tests.end(), [&](const TestResult& t) { return t.name == name; });
    if (it == fit.tests.end()) throw std::runtime_error("no test " + name);
    return *it;
}

TEST(GrunfeldPooledTests, LagrangeMultiplierTestsMatchPlmtest) {
    const auto peer = expected("grunfeld_pooling").at("tests");
    const auto design = grunfeld();
    const PanelGroups groups = panel_groups(design, "test");
    const Estimate pooled = ols(design);
    for (const auto& [effect, name] : {std::pair{PanelEffect::individual, "individual"},
                                       std::pair{PanelEffect::time, "time"}, std::pair{PanelEffect::twoways, "twoways"}}) {
        const auto tests = effects_lm_tests(pooled.residuals, groups, effect);
        check(tests.at(0), peer.at(std::string("plmtest_bp_") + name));
        check(tests.at(1), peer.at(std::string("plmtest_honda_") + name));
    }
}

TEST(GrunfeldPooledTests, CrossSectionAndSerialCorrelationMatchPlm) {
    const auto peer = expected("grunfeld_pooling").at("tests");
    const auto design = grunfeld();
    const PanelGroups groups = panel_groups(design, "test");
    const Estimate pooled = ols(design);
    check(pesaran_cd(pooled.residuals, groups), peer.at("pcdtest_cd"));
    check(bg_serial(design.y, design.X, groups, 1), peer.at("pbgtest_order1"));
}

TEST(GrunfeldWithinTests, DiagnosticsMatchPlm) {
    const auto peer = expected("grunfeld_within_individual").at("tests");
    auto design = grunfeld("inv ~ value + capital | firm");
    Estimate fe = within(design);
    add_diagnostics(fe, design);
    check(find(fe, "f_fe"), peer.at("pFtest_individual"));
    check(find(fe, "wooldridge_ar1"), peer.at("pwartest"));
    check(find(fe, "bg_serial"), peer.at("pbgtest_order1"));
    check(find(fe, "pesaran_cd"), peer.at("pcdtest_cd"));
}

TEST(GrunfeldWithinTests, BreuschGodfreyOfOrderTwo) {
    const auto peer = expected("grunfeld_within_individual").at("tests");
    const auto design = grunfeld();
    const PanelGroups groups = panel_groups(design, "test");
    const arma::mat X = within_transform(design.X.cols(1, 2), groups, PanelEffect::individual);
    const arma::vec y = within_transform(design.y, groups, PanelEffect::individual);
    check(bg_serial(y, X, groups, 2), peer.at("pbgtest_order2"));
}

TEST(GrunfeldFirstDifferenceTests, WooldridgeFdMatchesPwfdtest) {
    const auto design = grunfeld();
    Estimate fd = first_difference(design);
    add_diagnostics(fd, design);
    check(find(fd, "wooldridge_fd"), expected("grunfeld_fd").at("tests").at("pwfdtest"));
}

TEST(GrunfeldRandomTests, DiagnosticsMatchPhtestAndPlmtest) {
    const auto design = grunfeld();
    Estimate re = random_effects(design);
    add_diagnostics(re, design);
    check(find(re, "hausman"), expected("grunfeld_random_swar").at("tests").at("hausman_chisq"));
    const auto pooled = expected("grunfeld_pooling").at("tests");
    check(find(re, "bp_lm"), pooled.at("plmtest_bp_individual"));
    check(find(re, "honda"), pooled.at("plmtest_honda_individual"));
    EXPECT_GT(find(re, "hausman_robust").stat, 0.0);
}

TEST(GrunfeldRandomTests, RegressionHausmanWithIidCovarianceMatchesPhtestAux) {
    InferenceOptions iid;
    iid.ssc = inference::parse_ssc("plm");
    check(hausman_regression(grunfeld(), {}, iid, "hausman_aux"),
          expected("grunfeld_random_swar").at("tests").at("hausman_aux_classical"));
}

TEST(GrunfeldRandomTests, ClassicalHausmanForEveryMethod) {
    const auto design = grunfeld("inv ~ value + capital | firm");
    WithinOptions options;
    options.fe_test = false;
    const Estimate fe = within(design, options);
    for (const auto& [method, file] : {std::pair{ReMethod::amemiya, "grunfeld_random_amemiya"},
                                       std::pair{ReMethod::walhus, "grunfeld_random_walhus"},
                                       std::pair{ReMethod::nerlove, "grunfeld_random_nerlove"}})
        check(hausman(fe, random_effects(grunfeld(), {.method = method})), expected(file).at("tests").at("hausman_chisq"));
}

}  // namespace
}  // namespace gvcpanel::estimators
