// Conditional logit against R's survival::clogit (exact conditional likelihood) on the synthetic
// panel, values read from tests/reference/expected/synthetic_clogit_fe.json (the file
// records the call: R 4.2.2, survival 3.5.3, method = "exact", eps = 1e-11).
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "data/read.hpp"
#include "estimators/glm/clogit.hpp"
#include "estimators/infer.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel {
namespace {

using gvcpanel::testing::reference_data;

// The issue asks for coefficients and standard errors to 1e-7. survival stopped at a relative
// loglik change of 1e-11 and Newton converges quadratically, so its 17 printed digits hold ~1e-10.
constexpr double kClogitCoefRtol = 1e-7;
constexpr double kClogitSeRtol = 1e-7;
// z statistics, p-values and the LR statistic come from the same numbers: conventions' 1e-6.
constexpr double kClogitStatRtol = testing::kStatRtol;
// summary.coxph rounds the Wald statistic to two decimals (273.27): half a unit in the last place.
constexpr double kRoundedWaldRtol = 0.005 / 273.27;

TEST(ClogitReference, SyntheticPanelGroupedByFirm) {
    const auto ref = testing::expected("synthetic_clogit_fe");
    const data::Frame frame = data::read_csv(reference_data("synthetic_panel.csv"));
    const auto fit = estimators::clogit(models::build_design(models::parse_model("y_bin ~ x1 + x2 | firm"), frame));
    ASSERT_TRUE(fit.converged) << fit.convergence_message;

    const auto& stats = ref["stats"];
    EXPECT_EQ(fit.nobs, stats["nobs_informative"].get<std::size_t>());
    EXPECT_EQ(fit.nobs + fit.sample.dropped.separated, stats["nobs"].get<std::size_t>());
    EXPECT_EQ(static_cast<std::size_t>(fit.sample.fixed_effects[0].levels), stats["n_groups_informative"].get<std::size_t>());
    EXPECT_CLOSE("loglik", fit.stats["loglik"].get<double>(), stats["loglik"].get<double>(), kClogitCoefRtol);
    EXPECT_CLOSE("loglik at 0", fit.stats["ll_null"].get<double>(), stats["loglik_null"].get<double>(), kClogitCoefRtol);
    ASSERT_EQ(fit.tests.size(), 1u);
    EXPECT_CLOSE("lr", fit.tests[0].stat, ref["tests"]["lr"]["stat"].get<double>(), kClogitStatRtol);
    EXPECT_CLOSE("lr p", fit.tests[0].p, ref["tests"]["lr"]["p"].get<double>(), kClogitStatRtol);

    estimators::InferenceOptions options;
    options.wald = {"x1 = 0, x2 = 0"};
    const auto result = estimators::infer(fit, options);
    ASSERT_EQ(fit.names, (std::vector<std::string>{"x1", "x2"}));
    for (std::size_t j = 0; j < 2; ++j) {
        const std::string& name = fit.names[j];
        EXPECT_CLOSE(name, result.coef[j].estimate, ref["coef"][name].get<double>(), kClogitCoefRtol);
        EXPECT_CLOSE(name + " se", result.coef[j].se, ref["se"]["classical"][name].get<double>(), kClogitSeRtol);
        EXPECT_CLOSE(name + " z", result.coef[j].stat, ref["tstat"]["classical"][name].get<double>(), kClogitStatRtol);
        EXPECT_CLOSE(name + " p", result.coef[j].p, ref["pvalue"]["classical"][name].get<double>(), kClogitStatRtol);
    }
    const auto& wald = result.tests.back();
    EXPECT_CLOSE("wald", wald.stat, ref["tests"]["wald"]["stat"].get<double>(), kRoundedWaldRtol);
}

}  // namespace
}  // namespace gvcpanel
