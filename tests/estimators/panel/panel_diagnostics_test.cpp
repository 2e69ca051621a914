// --diagnostics when a test cannot be computed (issue 16, item 5): random effects on time with more
// regressors than periods (Crime: 17 regressors, 7 years) makes the regression-based Hausman test's
// auxiliary regressors collinear; that test is reported unavailable with the reason, in the result
// JSON and the text, while the fit, the classical Hausman test and the LM tests stand.
#include "estimators/panel/panel_diagnostics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "models/build_design.hpp"
#include "reports/summary.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

const TestResult* find_test(const std::vector<TestResult>& tests, const std::string& name) {
    for (const auto& t : tests)
        if (t.name == name) return &t;
    return nullptr;
}

TEST(PanelDiagnostics, ATestThatCannotBeComputedIsUnavailableAndTheOthersStand) {
    const data::Frame frame = data::read_csv(testing::reference_data("crime.csv"));
    const data::PanelIndex panel(frame, "county", "year");
    auto spec = models::parse_model(
        "lcrmrte ~ lprbarr + lprbconv + lprbpris + lavgsen + lpolpc + ldensity + lwcon + lwtuc + lwtrd + "
        "lwfir + lwser + lwmfg + lwfed + lwsta + lwloc + lpctymle + lpctmin");
    spec.panel_id = "county";
    spec.panel_time = "year";
    const models::Design design = models::build_design(spec, frame, &panel);
    DiagnosticsOptions options;
    options.random_effects.effect = PanelEffect::time;
    Estimate re = random_effects(design, options.random_effects);
    ASSERT_NO_THROW(add_diagnostics(re, design, options));

    const TestResult* robust = find_test(re.tests, "hausman_robust");
    ASSERT_NE(robust, nullptr);
    EXPECT_TRUE(std::isnan(robust->stat));
    EXPECT_NE(robust->unavailable.find("collinear"), std::string::npos) << robust->unavailable;
    for (const char* name : {"hausman", "bp_lm", "honda"}) {
        const TestResult* other = find_test(re.tests, name);
        ASSERT_NE(other, nullptr) << name;
        EXPECT_TRUE(other->unavailable.empty()) << other->unavailable;
        EXPECT_TRUE(std::isfinite(other->stat)) << name;
    }
    const Result result = infer(re, {});
    const auto json = to_json(result);
    bool listed = false;
    for (const auto& t : json.at("tests"))
        if (t.at("name") == "hausman_robust") {
            listed = true;
            EXPECT_TRUE(t.at("stat").is_null());
            EXPECT_EQ(t.at("unavailable"), robust->unavailable);
        }
    EXPECT_TRUE(listed);
    EXPECT_EQ(result_from_json(json).test("hausman_robust")->unavailable, robust->unavailable);
    const std::string text = reports::summary(result);
    EXPECT_NE(text.find("hausman_robust: unavailable (hausman_robust: "), std::string::npos) << text;
}

}  // namespace
}  // namespace gvcpanel::estimators
