// Random effects without an outside tool: with Mundlak's entity means added on a balanced panel,
// the GLS slopes of the time-varying regressors equal the within slopes (Mundlak 1978; Wooldridge
// 2010 sec. 10.7.3), whatever theta; a design without --panel or without intercept is an Error.
#include "estimators/panel/random_effects.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "models/build_design.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

models::Design grunfeld(const std::string& formula) {
    static const data::Frame frame = data::read_csv(testing::reference_data("grunfeld.csv"));
    static const data::PanelIndex panel(frame, "firm", "year");
    auto spec = models::parse_model(formula);
    spec.panel_id = "firm";
    spec.panel_time = "year";
    return models::build_design(spec, frame, &panel);
}

TEST(RandomEffects, MundlakSlopesEqualWithinSlopes) {
    for (const ReMethod method : {ReMethod::swar, ReMethod::amemiya, ReMethod::walhus, ReMethod::nerlove}) {
        const Estimate cre = random_effects(grunfeld("inv ~ value + capital"), {.method = method, .mundlak = true});
        ASSERT_EQ(cre.names, (std::vector<std::string>{"(Intercept)", "value", "capital", "mean(value)", "mean(capital)"}));
        const Estimate fe = within(grunfeld("inv ~ value + capital | firm"));
        EXPECT_CLOSE("value", cre.coef(1), fe.coef(0), testing::kCoefRtol);
        EXPECT_CLOSE("capital", cre.coef(2), fe.coef(1), testing::kCoefRtol);
    }
}

TEST(RandomEffects, ThetaIsANumberOnABalancedPanel) {
    const Estimate re = random_effects(grunfeld("inv ~ value + capital"));
    EXPECT_TRUE(re.stats.at("theta").is_number());
    EXPECT_GT(re.stats.at("theta").get<double>(), 0.0);
    EXPECT_LT(re.stats.at("theta").get<double>(), 1.0);
}

TEST(RandomEffects, UserMistakesAreErrors) {
    auto no_panel = grunfeld("inv ~ value + capital");
    no_panel.sample.entity.clear();
    EXPECT_THROW(random_effects(no_panel), Error);
    EXPECT_THROW(random_effects(grunfeld("inv ~ 0 + value + capital")), Error);
    EXPECT_THROW(parse_re_method("gls"), Error);
    EXPECT_THROW(parse_effect("nested"), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
