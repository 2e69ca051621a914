// Partial effects against R (tests/fixtures/mle/reference_values.R: APEs of the swisslabor logit
// computed by hand from glm, delta-method SEs with central differences), and the at-means variant
// against a finite-difference gradient of its own effect.
#include "estimators/likelihood/margins.hpp"

#include <gtest/gtest.h>


#include <nlohmann/json.hpp>

#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/likelihood/mle.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// R's delta-method gradient is a central difference with h = 1e-6 (error ~1e-10 relative);
// the effects themselves are exact to the coefficients' 1e-7.
constexpr double kEffectRtol = 1e-7;
constexpr double kEffectSeRtol = 1e-6;

models::Design swiss_design() {
    data::Frame frame = data::read_csv(reference_data("swisslabor.csv"));
    std::vector<double> y;
    for (std::size_t i = 0; i < frame.rows(); ++i)
        y.push_back(frame.column("participation").text(i) == "yes" ? 1.0 : 0.0);
    frame.set(data::Column::numeric("participation", y));
    return models::build_design(
        models::parse_model("participation ~ income + age + I(age^2) + education + youngkids + "
                            "oldkids + foreign"),
        frame);
}

TEST(Margins, AveragePartialEffectsOfLogitAgainstR) {
    const auto ref = testing::read_json(fixture("mle/reference_values.json"))["logit_ape"]["effects"];
    const models::Design design = swiss_design();
    const Estimate fit = mle(design, models::Family::logit);
    const auto rows = partial_effects(design, models::Family::logit, fit, fit.bread);
    ASSERT_EQ(rows.size(), fit.k() - 1);
    int checked = 0;
    for (const auto& row : rows) {
        if (!ref.contains(row.name)) continue;
        ++checked;
        EXPECT_CLOSE(row.name, row.effect, ref[row.name]["effect"].get<double>(), kEffectRtol);
        EXPECT_CLOSE(row.name + " se", row.se, ref[row.name]["se"].get<double>(), kEffectSeRtol);
        EXPECT_DOUBLE_EQ(row.z, row.effect / row.se);
    }
    EXPECT_EQ(checked, 4);
    const auto json = margins_to_json(rows, MarginsAt::average);
    EXPECT_EQ(json.size(), rows.size());
    EXPECT_EQ(json[0]["at"], "average");
}

TEST(Margins, EffectsAtMeansHaveTheDeltaMethodGradient) {
    const models::Design design = swiss_design();
    const Estimate fit = mle(design, models::Family::probit);
    MarginsOptions at_means;
    at_means.at = MarginsAt::means;
    const auto rows = partial_effects(design, models::Family::probit, fit, fit.bread, at_means);
    // Recompute the income effect phi(xbar'b) b_income with each coefficient nudged, and form the
    // delta-method standard error from that numerical gradient.
    const arma::vec means = arma::mean(design.X, 0).t();
    const std::size_t j = 1;
    ASSERT_EQ(fit.names[j], "income");
    const auto effect = [&](const arma::vec& b) {
        return models::mean_derivatives(models::Family::probit, arma::dot(means, b)).d1 * b(j);
    };
    arma::vec gradient(fit.k());
    for (std::size_t l = 0; l < fit.k(); ++l) {
        arma::vec up = fit.coef, down = fit.coef;
        const double h = 1e-6 * std::max(1.0, std::fabs(fit.coef(l)));
        up(l) += h;
        down(l) -= h;
        gradient(l) = (effect(up) - effect(down)) / (2 * h);
    }
    EXPECT_CLOSE("income effect", rows[0].effect, effect(fit.coef), kEffectRtol);
    EXPECT_CLOSE("income se", rows[0].se, std::sqrt(arma::as_scalar(gradient.t() * fit.bread * gradient)),
                 kEffectSeRtol);
}

TEST(Margins, OrderedModelsAreRefused) {
    const models::Design design = swiss_design();
    const Estimate fit = mle(design, models::Family::logit);
    EXPECT_THROW(partial_effects(design, models::Family::ologit, fit, fit.bread), Error);
    EXPECT_THROW(partial_effects(design, models::Family::logit, fit, arma::mat(2, 2)), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
