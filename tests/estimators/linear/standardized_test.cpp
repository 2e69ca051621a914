// --beta (estimators/linear/standardized): Stata's beta = b sd(x) / sd(y) on Grunfeld, against the
// formula with the standard deviations taken directly from the data; the same number as the
// coefficient of the regression on variables standardised with scale() (with absorbed firm effects
// too, where the effects absorb the rescaled constants); weighted standard deviations with weights;
// no beta for the intercept; the estimators that have none.
#include "estimators/linear/standardized.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "estimators/infer.hpp"
#include "estimators/linear/ols.hpp"
#include "models/build_design.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

// A ratio of standard deviations times a coefficient: a few roundings away from the direct formula.
constexpr double kFormula = 1e-12;
// Two different fits (on scaled and unscaled variables) of the same least-squares problem.
constexpr double kTwoFits = 1e-9;

const data::Frame& grunfeld() {
    static const data::Frame frame = data::read_csv(testing::reference_data("grunfeld.csv"));
    return frame;
}

double sd(const std::vector<double>& x, const std::vector<double>& w = {}) {
    double total = 0, sum = 0, squares = 0;
    for (std::size_t i = 0; i < x.size(); ++i) total += w.empty() ? 1 : w[i], sum += (w.empty() ? 1 : w[i]) * x[i];
    const double mean = sum / total;
    for (std::size_t i = 0; i < x.size(); ++i) squares += (w.empty() ? 1 : w[i]) * (x[i] - mean) * (x[i] - mean);
    return std::sqrt(squares / total);
}

Result fit_with_betas(const std::string& formula, const std::string& weights = "") {
    auto spec = models::parse_model(formula);
    spec.weights = weights;
    auto design = models::build_design(spec, grunfeld());
    const auto spread = design_spread(design);
    auto result = infer(design.sample.fixed_effects.empty() ? ols(std::move(design)) : within(std::move(design)));
    add_standardized(result, spread);
    return result;
}

TEST(Standardized, StataBetaOnGrunfeld) {
    const auto result = fit_with_betas("inv ~ value + capital");
    const auto inv = grunfeld().column("inv").to_doubles();
    EXPECT_TRUE(std::isnan(result.coefficient("(Intercept)").beta));
    for (const char* x : {"value", "capital"}) {
        const auto& row = result.coefficient(x);
        EXPECT_CLOSE(x, row.beta, row.estimate * sd(grunfeld().column(x).to_doubles()) / sd(inv), kFormula);
    }
}

TEST(Standardized, EqualsTheCoefficientsOnScaledVariables) {
    for (const std::string effects : {"", " | firm", " | firm + year"}) {
        const auto betas = fit_with_betas("inv ~ value + capital" + effects);
        const auto scaled = fit_with_betas("scale(inv) ~ scale(value) + scale(capital)" + effects);
        for (const char* x : {"value", "capital"})
            EXPECT_CLOSE(effects + " " + x, betas.coefficient(x).beta,
                         scaled.coefficient("scale(" + std::string(x) + ")").estimate, kTwoFits);
    }
}

TEST(Standardized, WeightedStandardDeviationsWithWeights) {
    const auto result = fit_with_betas("inv ~ value + capital", "capital");
    const auto w = grunfeld().column("capital").to_doubles();
    const auto inv = grunfeld().column("inv").to_doubles();
    const auto& row = result.coefficient("value");
    EXPECT_CLOSE("weighted value", row.beta, row.estimate * sd(grunfeld().column("value").to_doubles(), w) / sd(inv, w),
                 kFormula);
}

TEST(Standardized, FactorLevelsAreStandardisedLikeAnyColumn) {
    const auto result = fit_with_betas("inv ~ value + i(firm)");
    const auto firm = grunfeld().column("firm").to_doubles();
    std::vector<double> is_firm2;
    for (const double f : firm) is_firm2.push_back(f == 2 ? 1.0 : 0.0);
    const auto& row = result.coefficient("firm::2");
    EXPECT_CLOSE("firm::2", row.beta, row.estimate * sd(is_firm2) / sd(grunfeld().column("inv").to_doubles()), kFormula);
}

TEST(Standardized, OnlyForLinearEstimatorsInLevels) {
    for (const char* name : {"ols", "2sls", "liml", "gmm", "re", "be"}) EXPECT_NO_THROW(require_standardized(name));
    for (const char* name : {"logit", "poisson", "fd", "sys-gmm", "nls", "clogit"})
        EXPECT_THROW(require_standardized(name), Error) << name;
}

}  // namespace
}  // namespace gvcpanel::estimators
