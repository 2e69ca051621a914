// Random effects on a cross-section of groups without time (`--panel ID` alone): plm's Hedonic (506
// census tracts in 92 towns of 1 to 30 tracts) by every variance-component method, against R 4.2.2
// plm 2.6-2 values in tests/fixtures/plm/hedonic_random_*.json (tests/fixtures/plm/make_plm_fixtures.R
// records the calls), and the balanced Grunfeld panel indexed by the firm alone, which must give the
// fit indexed by firm and year.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "estimators/panel/random_effects.hpp"
#include "models/build_design.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;
using testing::kStatRtol;

// R's JSON carries 15 significant digits; standard errors are asked to 1e-6 (issue 16).
constexpr double kPanelSeRtol = 1e-6;

constexpr const char* kHedonic =
    "mv ~ crim + zn + indus + chas + nox + rm + age + dis + rad + tax + ptratio + blacks + lstat";
// Amemiya's estimator needs every regressor to vary within towns (plm refuses the others).
constexpr const char* kHedonicWithin = "mv ~ crim + chas + nox + rm + age + dis + blacks + lstat";

models::Design design(const std::string& file, const std::string& formula, const std::string& id,
                      const std::string& time = "") {
    const data::Frame frame = data::read_csv(testing::reference_data(file));
    const data::PanelIndex panel(frame, id, time);
    auto spec = models::parse_model(formula);
    spec.panel_id = id;
    spec.panel_time = time;
    spec.clusters = {id};
    return models::build_design(spec, frame, &panel);
}

// R names the factor level chasyes.
double peer_value(const nlohmann::json& object, const std::string& name) {
    return object.at(name == "chas::yes" ? "chasyes" : name).get<double>();
}

struct Case {
    const char* file;
    ReMethod method;
    const char* formula;
};

class HedonicRandom : public ::testing::TestWithParam<Case> {};

TEST_P(HedonicRandom, MatchesPlmIndexedByTownAlone) {
    const auto peer = testing::read_json(testing::fixture(std::string("plm/") + GetParam().file + ".json"));
    const auto d = design("hedonic.csv", GetParam().formula, "townid");
    ASSERT_TRUE(d.sample.period.empty());
    const Estimate fit = random_effects(d, {.method = GetParam().method});
    ASSERT_EQ(fit.names.size(), peer.at("coef").size());
    for (std::size_t j = 0; j < fit.names.size(); ++j)
        EXPECT_CLOSE(fit.names[j] + " coef", fit.coef(j), peer_value(peer.at("coef"), fit.names[j]), kCoefRtol);
    // classical = vcov(m); arellano_sss = vcovHC(m, method = "arellano", type = "sss"), which is our
    // cluster covariance by town with plm's small-sample settings.
    for (const auto& [key, vcov, ssc] : {std::tuple{"classical", "iid", "fixest"}, {"arellano_sss", "cluster:townid", "plm"}}) {
        InferenceOptions options;
        options.vcov = inference::parse_vcov(vcov);
        options.ssc = inference::parse_ssc(ssc);
        for (const auto& row : infer(fit, options).coef)
            EXPECT_CLOSE(std::string(key) + " se " + row.name, row.se, peer_value(peer.at("se").at(key), row.name),
                         kPanelSeRtol);
    }
    const auto& stats = peer.at("stats");
    EXPECT_EQ(fit.nobs, stats.at("nobs").get<std::size_t>());
    EXPECT_EQ(fit.stats.at("df_resid").get<double>(), stats.at("df_resid").get<double>());
    EXPECT_CLOSE("r2", fit.stats.at("r2").get<double>(), stats.at("r2").get<double>(), kStatRtol);
    EXPECT_CLOSE("sigma2 idios", fit.stats.at("sigma2_idiosyncratic").get<double>(),
                 stats.at("sigma2").at("idios").get<double>(), kStatRtol);
    EXPECT_CLOSE("sigma2 id", fit.stats.at("sigma2_individual").get<double>(), stats.at("sigma2").at("id").get<double>(),
                 kStatRtol);
    for (const char* s : {"min", "mean", "max"})
        EXPECT_CLOSE(std::string("theta ") + s, fit.stats.at("theta").at(s).get<double>(),
                     stats.at("theta").at(s).get<double>(), kStatRtol);
}

INSTANTIATE_TEST_SUITE_P(Methods, HedonicRandom,
                         ::testing::Values(Case{"hedonic_random_swar", ReMethod::swar, kHedonic},
                                           Case{"hedonic_random_amemiya", ReMethod::amemiya, kHedonicWithin},
                                           Case{"hedonic_random_walhus", ReMethod::walhus, kHedonic},
                                           Case{"hedonic_random_nerlove", ReMethod::nerlove, kHedonic}),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.file).substr(15); });

// A balanced panel indexed by the entity alone is balanced (every firm has 20 rows), and individual
// effects do not use the time: the same fit as with --panel firm,year, to rounding.
TEST(GrunfeldRandomWithoutTime, EqualsTheFitIndexedByFirmAndYear) {
    for (const ReMethod method : {ReMethod::swar, ReMethod::amemiya, ReMethod::walhus, ReMethod::nerlove}) {
        const Estimate alone = random_effects(design("grunfeld.csv", "inv ~ value + capital", "firm"), {.method = method});
        const Estimate both =
            random_effects(design("grunfeld.csv", "inv ~ value + capital", "firm", "year"), {.method = method});
        for (std::size_t j = 0; j < both.names.size(); ++j)
            EXPECT_CLOSE(to_string(method) + " " + both.names[j], alone.coef(j), both.coef(j), kCoefRtol);
        EXPECT_CLOSE(to_string(method) + " theta", alone.stats.at("theta").get<double>(),
                     both.stats.at("theta").get<double>(), kStatRtol);
    }
}

// Time and two-way effects need the time: an error that says to give it.
TEST(GrunfeldRandomWithoutTime, TimeEffectsNeedTheTime) {
    const auto d = design("grunfeld.csv", "inv ~ value + capital", "firm");
    for (const PanelEffect effect : {PanelEffect::time, PanelEffect::twoways}) {
        try {
            random_effects(d, {.effect = effect});
            FAIL() << "no error for " << to_string(effect);
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("give --panel ID,TIME"), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace gvcpanel::estimators
