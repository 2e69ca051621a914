// Random effects (four methods, individual and time effects; three methods two-way), between and first differences on the
// unbalanced EmplUK panel (140 firms, 7-9 years), two-way Nerlove on the balanced Grunfeld panel, and the Hausman, LM and
// serial-correlation tests on EmplUK and on Wages (time-invariant regressors), against R 4.2.2 plm 2.6-2 values stored in
// tests/fixtures/plm/*.json by tests/fixtures/plm/make_plm_fixtures.R (each file holds its calls).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/panel/between.hpp"
#include "estimators/panel/first_difference.hpp"
#include "estimators/infer.hpp"
#include "estimators/panel/panel_diagnostics.hpp"
#include "estimators/panel/random_effects.hpp"
#include "estimators/panel/hausman.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "models/build_design.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;
using testing::kStatRtol;

// R's JSON carries 15 significant digits; standard errors are asked to 1e-6 (issue 5).
constexpr double kPanelSeRtol = 1e-6;

nlohmann::json fixture(const std::string& name) { return testing::read_json(testing::fixture("plm/" + name + ".json")); }

constexpr const char* kEmplUK = "log(emp) ~ log(wage) + log(capital)";
constexpr const char* kWages = "lwage ~ exp + I(exp^2) + wks + ed";

models::Design design(const std::string& dataset, const std::string& formula) {
    static std::map<std::string, data::Frame> frames;
    static std::map<std::string, data::PanelIndex> panels;
    const bool wages = dataset == "wages";
    if (!frames.count(dataset)) {
        frames.emplace(dataset, data::read_csv(testing::reference_data("" + dataset + ".csv")));
        panels.emplace(dataset, data::PanelIndex(frames.at(dataset), wages ? "id" : "firm", "year"));
    }
    auto spec = models::parse_model(formula);
    spec.panel_id = wages ? "id" : "firm";
    spec.panel_time = "year";
    spec.clusters = {spec.panel_id};
    return models::build_design(spec, frames.at(dataset), &panels.at(dataset));
}

// The value of `name` in a fixture object; the tests cases use precomputed columns with plain names
// (phtest's auxiliary formula needs them): lwage = log(wage), exp2 = exp^2.
double value(const nlohmann::json& object, const std::string& name) {
    static const std::map<std::string, std::string> plain = {
        {"I(exp^2)", "exp2"}, {"log(wage)", "lwage"}, {"log(capital)", "lcapital"}};
    if (object.contains(name)) return object.at(name).get<double>();
    if (name.rfind("year::", 0) == 0) return object.at("factor(year)" + name.substr(6)).get<double>();
    return object.at(plain.at(name)).get<double>();
}

void check(const Estimate& fit, const nlohmann::json& peer) {
    ASSERT_EQ(fit.names.size(), peer.at("coef").size());
    for (std::size_t j = 0; j < fit.names.size(); ++j)
        EXPECT_CLOSE(fit.names[j] + " coef", fit.coef(j), value(peer.at("coef"), fit.names[j]), kCoefRtol);
    const std::vector<std::pair<std::string, std::pair<const char*, const char*>>> keys = {
        {"classical", {"iid", "fixest"}}, {"arellano_sss", {"cluster:firm", "plm"}}};
    for (const auto& [key, spec] : keys) {
        if (!peer.at("se").contains(key)) continue;
        InferenceOptions options;
        options.vcov = inference::parse_vcov(spec.first);
        if (options.vcov.clustered()) options.vcov.clusters = {fit.sample.clusters.at(0).name};
        options.ssc = inference::parse_ssc(spec.second);
        const Result result = infer(fit, options);
        for (const auto& row : result.coef)
            EXPECT_CLOSE(key + " se " + row.name, row.se, value(peer.at("se").at(key), row.name), kPanelSeRtol);
    }
    EXPECT_EQ(fit.nobs, peer.at("stats").at("nobs").get<std::size_t>());
    EXPECT_EQ(fit.stats.at("df_resid").get<double>(), peer.at("stats").at("df_resid").get<double>());
    EXPECT_CLOSE("r2", fit.stats.at("r2").get<double>(), peer.at("stats").at("r2").get<double>(), kStatRtol);
}

void check_components(const Estimate& fit, const nlohmann::json& peer, const char* effect_key, const char* stat) {
    const auto& sigma2 = peer.at("stats").at("sigma2");
    EXPECT_CLOSE("sigma2 idios", fit.stats.at("sigma2_idiosyncratic").get<double>(), sigma2.at("idios").get<double>(),
                 kStatRtol);
    EXPECT_CLOSE(stat, fit.stats.at(stat).get<double>(), sigma2.at(effect_key).get<double>(), kStatRtol);
    const auto& theta = peer.at("stats").at("theta");
    for (const char* s : {"min", "mean", "max"})
        EXPECT_CLOSE(std::string("theta ") + s, fit.stats.at("theta").at(s).get<double>(), theta.at(s).get<double>(),
                     kStatRtol);
}

struct Case {
    const char* file;
    ReMethod method;
};

class EmplUKRandom : public ::testing::TestWithParam<Case> {};

TEST_P(EmplUKRandom, MatchesPlm) {
    const auto peer = fixture(GetParam().file);
    const Estimate fit = random_effects(design("empluk", kEmplUK), {.method = GetParam().method});
    check(fit, peer);
    check_components(fit, peer, "id", "sigma2_individual");
}

INSTANTIATE_TEST_SUITE_P(Methods, EmplUKRandom,
                         ::testing::Values(Case{"empluk_random_swar", ReMethod::swar},
                                           Case{"empluk_random_amemiya", ReMethod::amemiya},
                                           Case{"empluk_random_walhus", ReMethod::walhus},
                                           Case{"empluk_random_nerlove", ReMethod::nerlove}),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.file).substr(14); });

TEST(EmplUKRandomTime, MatchesPlm) {
    const auto peer = fixture("empluk_random_time_swar");
    const Estimate fit = random_effects(design("empluk", kEmplUK), {.effect = PanelEffect::time});
    check(fit, peer);
    check_components(fit, peer, "time", "sigma2_time");
}

// Two-way effects on the unbalanced panel: plm.fit's Wansbeek-Kapteyn GLS. The fixture's classical
// SEs are plm's vcov(m) times the GLS s^2 (plm leaves out the idiosyncratic variance; see the R
// script); plm's vcovHC there uses the untransformed regressors, so no cluster key is compared.
constexpr const char* kEmplUKOutput = "log(emp) ~ log(wage) + log(capital) + log(output)";

class EmplUKRandomTwoWays : public ::testing::TestWithParam<Case> {};

// The idiosyncratic, individual and time variance components of a two-way fit against plm's.
void check_two_way_components(const Estimate& fit, const nlohmann::json& peer) {
    const auto& sigma2 = peer.at("stats").at("sigma2");
    const std::pair<const char*, const char*> components[] = {
        {"sigma2_idiosyncratic", "idios"}, {"sigma2_individual", "id"}, {"sigma2_time", "time"}};
    for (const auto& [ours, theirs] : components)
        EXPECT_CLOSE(ours, fit.stats.at(ours).get<double>(), sigma2.at(theirs).get<double>(), kStatRtol);
}

TEST_P(EmplUKRandomTwoWays, MatchesPlm) {
    const auto peer = fixture(GetParam().file);
    const Estimate fit =
        random_effects(design("empluk", kEmplUKOutput), {.method = GetParam().method, .effect = PanelEffect::twoways});
    check(fit, peer);
    check_two_way_components(fit, peer);
    const std::pair<const char*, const char*> thetas[] = {{"individual", "id"}, {"time", "time"}, {"total", "total"}};
    for (const auto& [ours, theirs] : thetas)
        for (const char* s : {"min", "mean", "max"})
            EXPECT_CLOSE(std::string("theta ") + ours + " " + s,
                         fit.stats.at("theta").at(std::string(ours) + "_" + s).get<double>(),
                         peer.at("stats").at("theta").at(theirs).at(s).get<double>(), kStatRtol);
}

INSTANTIATE_TEST_SUITE_P(Methods, EmplUKRandomTwoWays,
                         ::testing::Values(Case{"empluk_random_twoways_swar", ReMethod::swar},
                                           Case{"empluk_random_twoways_amemiya", ReMethod::amemiya},
                                           Case{"empluk_random_twoways_walhus", ReMethod::walhus}),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.file).substr(22); });

// plm 2.6-2's unbalanced two-way Nerlove pairs fixef() values and group sizes in different orders:
// refused on unbalanced panels (balanced: GrunfeldRandomTwoWays below).
TEST(EmplUKRandomTwoWays, NerloveRefused) {
    EXPECT_THROW(random_effects(design("empluk", kEmplUKOutput), {.method = ReMethod::nerlove, .effect = PanelEffect::twoways}),
                 Error);
}

// Two-way Nerlove on the balanced Grunfeld panel (plm's balanced ercomp branch: fixef() of the two-way
// within model, whose labels are right when balanced). Theta is one number per effect here.
TEST(GrunfeldRandomTwoWays, NerloveMatchesPlm) {
    const auto peer = fixture("grunfeld_random_twoways_nerlove");
    const Estimate fit = random_effects(design("grunfeld", "inv ~ value + capital"),
                                        {.method = ReMethod::nerlove, .effect = PanelEffect::twoways});
    check(fit, peer);
    check_two_way_components(fit, peer);
    const std::pair<const char*, const char*> thetas[] = {{"individual", "id"}, {"time", "time"}, {"total", "total"}};
    for (const auto& [ours, theirs] : thetas)
        EXPECT_CLOSE(std::string("theta ") + ours, fit.stats.at("theta").at(ours).get<double>(),
                     peer.at("stats").at("theta").at(theirs).get<double>(), kStatRtol);
}

// Year dummies on the balanced Grunfeld panel: Swamy-Arora's "Between" regression cannot identify them
// (their firm means are all 1/20), and plm counts only the slopes it identifies.
TEST(GrunfeldRandom, SwamyAroraWithYearDummiesMatchesPlm) {
    const auto peer = fixture("grunfeld_random_swar_year_dummies");
    const Estimate fit = random_effects(design("grunfeld", "inv ~ value + capital + i(year)"));
    check(fit, peer);
    const auto& stats = peer.at("stats");
    EXPECT_CLOSE("sigma2 id", fit.stats.at("sigma2_individual").get<double>(), stats.at("sigma2").at("id").get<double>(),
                 kStatRtol);
    EXPECT_CLOSE("theta", fit.stats.at("theta").get<double>(), stats.at("theta").get<double>(), kStatRtol);
}

TEST(EmplUKBetween, MatchesPlm) { check(between(design("empluk", kEmplUK)), fixture("empluk_between")); }

TEST(EmplUKFirstDifference, MatchesPlm) {
    const auto peer = fixture("empluk_fd");
    const auto d = design("empluk", kEmplUK);
    Estimate fit = first_difference(d);
    check(fit, peer);
    add_diagnostics(fit, d);
    const auto& t = *std::find_if(fit.tests.begin(), fit.tests.end(),
                                  [](const TestResult& r) { return r.name == "wooldridge_fd"; });
    EXPECT_CLOSE("pwfdtest", t.stat, peer.at("tests").at("pwfdtest").at("stat").get<double>(), kStatRtol);
    EXPECT_EQ(t.df, peer.at("tests").at("pwfdtest").at("df").get<std::vector<double>>());
}

void check_test(const Estimate& fit, const std::string& name, const nlohmann::json& peer) {
    const auto it = std::find_if(fit.tests.begin(), fit.tests.end(), [&](const TestResult& t) { return t.name == name; });
    ASSERT_NE(it, fit.tests.end()) << name;
    EXPECT_CLOSE(name + " stat", it->stat, peer.at("stat").get<double>(), kStatRtol);
    EXPECT_CLOSE(name + " p", it->p, peer.at("p").get<double>(), kStatRtol);
}

class PanelTests : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(PanelTests, MatchPlm) {
    const auto [dataset, file] = GetParam();
    const auto peer = fixture(file);
    const auto& tests = peer.at("tests");
    const std::string formula = std::string(dataset) == "wages" ? kWages : kEmplUK;
    const auto d = design(dataset, formula);
    Estimate re = random_effects(d);
    check(re, peer);
    add_diagnostics(re, d);
    check_test(re, "hausman", tests.at("hausman"));
    // Our default cluster covariance with no fixed effects counts K* = the reported coefficients,
    // as plm's vcovHC(type = "sss").
    const bool wages = std::string(dataset) == "wages";
    // phtest(method = "aux") tests coefficients (nvars + 2):(2 nvars + 1) of its auxiliary model, which
    // with a time-invariant regressor (Wages: ed) are ed, exp.tilde, exp2.tilde: its 2889 is not a test
    // of the within regressors. `hausman_aux_tilde` is the Wald test of the .tilde coefficients of that
    // same auxiliary model (EmplUK: equal to phtest's).
    const auto& tilde = tests.at("hausman_aux_tilde");
    check_test(re, "hausman_robust", tilde.at("arellano_sss"));
    if (!wages) check_test(re, "hausman_robust", tests.at("hausman_aux_arellano_sss"));
    check_test(re, "bp_lm", tests.at("plmtest_bp"));
    check_test(re, "honda", tests.at("plmtest_honda"));
    InferenceOptions iid;
    const TestResult aux = hausman_regression(d, {}, iid, "aux");
    EXPECT_CLOSE("aux", aux.stat, tilde.at("classical").at("stat").get<double>(), kStatRtol);
    if (!wages) {
        EXPECT_CLOSE("aux", aux.stat, tests.at("hausman_aux_classical").at("stat").get<double>(), kStatRtol);
    }

    auto fe_design = design(dataset, formula + " | " + (std::string(dataset) == "wages" ? "id" : "firm"));
    Estimate fe = within(fe_design);
    add_diagnostics(fe, fe_design);
    check_test(fe, "wooldridge_ar1", tests.at("pwartest"));
    check_test(fe, "bg_serial", tests.at("pbgtest_order1"));
    check_test(fe, "pesaran_cd", tests.at("pcdtest_cd"));
}

INSTANTIATE_TEST_SUITE_P(Datasets, PanelTests,
                         ::testing::Values(std::pair{"empluk", "empluk_random_swar_tests"},
                                           std::pair{"wages", "wages_random_swar"}),
                         [](const auto& info) { return std::string(info.param.first); });

// Beck-Katz with the contemporaneous covariance (pcse = plm's vcovBK(m, cluster = "time")), balanced
// (Grunfeld) and unbalanced (EmplUK: pairwise means over the periods two firms share).
TEST(PcseTime, MatchesVcovBK) {
    const auto peer = fixture("pcse_time").at("cases");
    const std::map<std::string, Estimate> fits = {
        {"grunfeld_pooling", ols(design("grunfeld", "inv ~ value + capital"))},
        {"empluk_pooling", ols(design("empluk", kEmplUK))},
        {"empluk_within", within(design("empluk", std::string(kEmplUK) + " | firm"))},
        {"empluk_random_swar", random_effects(design("empluk", kEmplUK))}};
    InferenceOptions options;
    options.vcov = inference::parse_vcov("pcse");
    for (const auto& [name, fit] : fits) {
        const Result result = infer(fit, options);
        for (const auto& row : result.coef) {
            EXPECT_CLOSE(name + " coef " + row.name, row.estimate, peer.at(name).at("coef").at(row.name).get<double>(),
                         kCoefRtol);
            EXPECT_CLOSE(name + " se " + row.name, row.se, peer.at(name).at("se").at(row.name).get<double>(),
                         kPanelSeRtol);
        }
    }
}

}  // namespace
}  // namespace gvcpanel::estimators
