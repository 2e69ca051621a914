// `--margins` through the command-line path: the average partial effects of the swisslabor logit
// against R (tests/fixtures/mle/reference_values.R), their standard errors following the requested
// covariance, the "margins" array of the result JSON and its round trip, the text summary, and the
// refusals (Tobit, ordered, linear estimators, absorbed fixed effects) before any fit.
#include "cli/add_margins.hpp"

#include <gtest/gtest.h>


#include <nlohmann/json.hpp>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/likelihood/margins.hpp"
#include "reports/summary.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// R's delta-method gradient is a central difference with h = 1e-6 (error ~1e-10 relative); the
// effects are exact to the coefficients' 1e-7 (as tests/estimators/likelihood/margins_test.cpp).
constexpr double kEffectRtol = 1e-7;
constexpr double kEffectSeRtol = 1e-6;

data::Frame swisslabor() {
    data::Frame frame = data::read_csv(reference_data("swisslabor.csv"));
    std::vector<double> y;
    for (std::size_t i = 0; i < frame.rows(); ++i) y.push_back(frame.column("participation").text(i) == "yes" ? 1.0 : 0.0);
    frame.set(data::Column::numeric("participation", y));
    return frame;
}

ModelRequest swiss_logit() {
    ModelRequest r;
    r.estimator = "logit";
    r.model = "participation ~ income + age + I(age^2) + education + youngkids + oldkids + foreign";
    r.margins = true;
    return r;
}

const estimators::MarginRow& row(const estimators::Result& result, const std::string& name) {
    for (const auto& m : result.margins)
        if (m.name == name) return m;
    throw Error("no margin " + name);
}

TEST(AddMargins, LogitAveragePartialEffectsMatchR) {
    const auto ref = testing::read_json(fixture("mle/reference_values.json"))["logit_ape"]["effects"];  // with vcov(glm): iid
    const estimators::Result result = run_model(swiss_logit(), swisslabor());
    ASSERT_EQ(result.margins.size(), result.coef.size() - 1);  // every slope, not the intercept
    for (const auto& [name, expected] : ref.items()) {
        EXPECT_CLOSE(name, row(result, name).effect, expected["effect"].get<double>(), kEffectRtol);
        EXPECT_CLOSE(name + " se", row(result, name).se, expected["se"].get<double>(), kEffectSeRtol);
    }
}

TEST(AddMargins, StandardErrorsFollowTheRequestedCovariance) {
    const data::Frame frame = swisslabor();
    ModelRequest robust = swiss_logit();
    robust.vcov = "hc1";
    const estimators::Result iid = run_model(swiss_logit(), frame), hc1 = run_model(robust, frame);
    EXPECT_EQ(row(hc1, "income").effect, row(iid, "income").effect);
    EXPECT_NE(row(hc1, "income").se, row(iid, "income").se);
}

TEST(AddMargins, JsonArrayRoundTripsAndTheSummaryShowsIt) {
    const estimators::Result result = run_model(swiss_logit(), swisslabor());
    const auto json = estimators::to_json(result);
    ASSERT_TRUE(json.contains("margins"));
    ASSERT_TRUE(json["margins"].is_array());
    EXPECT_EQ(json["margins"][0]["name"], "income");
    EXPECT_EQ(json["margins"][0]["at"], "average");
    // 17 significant digits: the round trip is exact.
    const estimators::Result back = estimators::result_from_json(nlohmann::ordered_json::parse(json.dump()));
    ASSERT_EQ(back.margins.size(), result.margins.size());
    for (std::size_t j = 0; j < result.margins.size(); ++j) {
        EXPECT_EQ(back.margins[j].name, result.margins[j].name);
        EXPECT_EQ(back.margins[j].effect, result.margins[j].effect);
        EXPECT_EQ(back.margins[j].se, result.margins[j].se);
        EXPECT_EQ(back.margins[j].p, result.margins[j].p);
    }
    EXPECT_EQ(estimators::to_json(back).dump(), json.dump());
    EXPECT_NE(reports::summary(result).find("Average partial effects"), std::string::npos);

    ModelRequest without = swiss_logit();
    without.margins = false;
    EXPECT_FALSE(estimators::to_json(run_model(without, swisslabor())).contains("margins"));
}

std::string error_of(const ModelRequest& r, const data::Frame& frame) {
    try {
        run_model(r, frame);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(AddMargins, RefusedWhereThereAreNoPartialEffects) {
    const data::Frame affairs = data::read_csv(reference_data("affairs.csv"));
    ModelRequest tobit;
    tobit.estimator = "tobit";
    tobit.model = "affairs ~ age + rating";
    tobit.margins = true;
    EXPECT_NE(error_of(tobit, affairs).find("partial effects are available for logit"), std::string::npos);
    tobit.estimator = "ols";
    EXPECT_NE(error_of(tobit, affairs).find("for the likelihood estimators"), std::string::npos);

    const data::Frame panel = data::read_csv(reference_data("synthetic_panel.csv"));
    ModelRequest poisson_fe;
    poisson_fe.estimator = "poisson";
    poisson_fe.model = "y_cnt ~ x1 + x2 | firm";
    poisson_fe.margins = true;
    const std::string message = error_of(poisson_fe, panel);
    EXPECT_NE(message.find("absorbed fixed effects"), std::string::npos) << message;
    EXPECT_NE(message.find("i(firm)"), std::string::npos) << message;
}

}  // namespace
}  // namespace gvcpanel::cli
