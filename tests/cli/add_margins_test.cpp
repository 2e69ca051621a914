// `--margins` through the command-line path: the average partial effects of the swisslabor logit
// against R (tests/fixtures/mle/reference_values.R), the issue's interaction on the simulated panel
// against R (tests/fixtures/margins/margins.R), their standard errors following the requested
// covariance, --margins-at, the "margins" array of the result JSON and its round trip, the text
// summary, and the refusals (Tobit, ordered, linear estimators) before any fit.
#include "cli/add_margins.hpp"

#include <gtest/gtest.h>


#include <nlohmann/json.hpp>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "data/simulate.hpp"
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
// margins.R ran glm to epsilon 1e-15 and wrote 17 digits: the effects agree to the coefficients' ~1e-10.
constexpr double kExactEffectRtol = 1e-8;

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
    // One effect per variable, not per coefficient: age and I(age^2) give one effect of age (the
    // derivative of the whole index), so 7 slopes give 6 rows.
    ASSERT_EQ(result.margins.size(), result.coef.size() - 2);
    EXPECT_NO_THROW(row(result, "age"));
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

    ModelRequest logit_at = swiss_logit();
    logit_at.margins_at = {"age = 3, x"};
    EXPECT_NE(error_of(logit_at, swisslabor()).find("'x' is not a number"), std::string::npos);
}

TEST(AddMargins, TheIssuesInteractionOnTheSimulatedPanelMatchesR) {
    // Issue 16: dy/dx(gvc_participation) was -0.083 (the coefficient of gvc_participation alone);
    // through the interaction it is +0.2275 (SE 0.0217), as R computes it.
    const auto ref = testing::read_json(fixture("margins/margins.json")).at("issue");
    const data::Frame frame = data::simulate({.firms = 1000, .years = 16, .seed = 7}).frame;
    ModelRequest r;
    r.estimator = "logit";
    r.model = "upgrade_event ~ gvc_participation*cluster_density + local_sourcing + export_share + size";
    r.vcov = "cluster:firm";
    r.margins = true;
    const estimators::Result result = run_model(r, frame);
    ASSERT_EQ(result.nobs, ref.at("nobs").get<std::size_t>());
    ASSERT_EQ(result.margins.size(), ref.at("margins").size());
    for (std::size_t i = 0; i < result.margins.size(); ++i) {
        const auto& expected = ref.at("margins")[i];
        const std::string name = expected.at("name").get<std::string>();
        EXPECT_EQ(result.margins[i].name, name);
        EXPECT_CLOSE(name, result.margins[i].effect, expected.at("effect").get<double>(), kExactEffectRtol);
        EXPECT_CLOSE(name + " se", result.margins[i].se, expected.at("se").get<double>(), kEffectSeRtol);
    }
    EXPECT_NEAR(row(result, "gvc_participation").effect, 0.2275, 5e-5);  // the issue's four digits
    EXPECT_NEAR(row(result, "gvc_participation").se, 0.0217, 5e-5);
}

TEST(AddMargins, AtValuesAndAbsorbedEffectsThroughTheCommandLine) {
    const data::Frame frame = data::read_csv(fixture("simulated/panel_seed7.csv"));
    ModelRequest r;
    r.estimator = "poisson";
    r.model = "patents ~ gvc_participation*cluster_density + log(size) | firm + year";
    r.vcov = "cluster:firm";
    r.margins_at = {"cluster_density = 0, 1"};  // implies --margins
    const estimators::Result result = run_model(r, frame);
    ASSERT_EQ(result.margins.size(), 6u);  // gvc_participation, cluster_density, size at two points
    EXPECT_EQ(result.margins[0].at, (std::vector<std::pair<std::string, double>>{{"cluster_density", 0.0}}));
    EXPECT_EQ(result.margins[5].at, (std::vector<std::pair<std::string, double>>{{"cluster_density", 1.0}}));
    const auto json = estimators::to_json(result);
    EXPECT_EQ(json["margins"][3]["at_values"]["cluster_density"], 1.0);
    EXPECT_EQ(estimators::result_from_json(nlohmann::ordered_json::parse(json.dump())).margins[3].at, result.margins[3].at);
    const std::string text = reports::summary(result);
    EXPECT_NE(text.find("at cluster_density = 0:"), std::string::npos) << text;
    EXPECT_NE(text.find("at cluster_density = 1:"), std::string::npos) << text;
}

}  // namespace
}  // namespace gvcpanel::cli
