// --ssc fixest against fixest 0.12.1 and --ssc fixef_exact=1 against fixest's fixef.force_exact
// (tests/fixtures/fixest/ssc.R, on tests/fixtures/simulated/panel_seed7.csv): three fixed-effect
// dimensions (fixest counts every level, one reference per dimension after the first), FE Poisson
// and logit (fixest's (N-1)/(N-K*) on every covariance) and the clustered first-stage Wald F of an
// IV fit (every first-stage coefficient in K*). The default preset keeps its own documented rules
// and differs from fixest on the first two (checked too, so that the preset cannot be the default).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "cli/run_model.hpp"
#include "data/read.hpp"
#include "estimators/fixed_effects/fe_rank.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "estimators/glm/glm_hdfe.hpp"
#include "estimators/infer.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

// fixest ran with fixef.tol and glm.tol 1e-11, we to 1e-13/1e-14: coefficients agree to ~1e-9
// (checked at 1e-8 for the linear fit); standard errors at the 1e-6.
constexpr double kRtol = 1e-6;

const data::Frame& panel() {
    static const data::Frame frame = data::read_csv(testing::fixture("simulated/panel_seed7.csv"));
    return frame;
}

const nlohmann::json& reference() {
    static const nlohmann::json json = testing::read_json(testing::fixture("fixest/ssc.json"));
    return json;
}

models::Design design_of(const std::string& formula, const std::vector<std::string>& clusters) {
    auto spec = models::parse_model(formula);
    spec.keep_singletons = true;  // fixest keeps them
    spec.clusters = clusters;
    return models::build_design(spec, panel());
}

Result inferred(const Estimate& fit, const std::string& vcov, const std::string& ssc) {
    InferenceOptions options;
    options.vcov = inference::parse_vcov(vcov);
    options.ssc = inference::parse_ssc(ssc);
    return infer(fit, options);
}

void expect_ses(const Result& r, const nlohmann::json& expected, const std::string& label) {
    for (const auto& [name, value] : expected.items()) {
        const auto row = std::find_if(r.coef.begin(), r.coef.end(), [&](const CoefRow& c) { return c.name == name; });
        ASSERT_NE(row, r.coef.end()) << label << " " << name;
        EXPECT_CLOSE(label + " " + name, row->se, value.get<double>(), kRtol);
    }
}

Estimate glm_fit(const models::Design& design, models::Family family) {
    GlmHdfeOptions options;
    options.tolerance = 1e-14;
    options.demean_tolerance = 1e-13;
    const Estimate fit = glm_hdfe(design, family, options);
    EXPECT_TRUE(fit.converged) << fit.convergence_message;
    return fit;
}

TEST(FixestSsc, ThreeFixedEffectDimensionsCountedAsFixest) {
    const auto& ref = reference().at("three_fe");
    WithinOptions options;
    options.demean.tolerance = 1e-13;
    const Estimate fit = within(design_of("log_tfp ~ export_share + gvc_participation | firm + year + industry^year",
                                          {"firm", "industry"}),
                                options);
    ASSERT_EQ(fit.nobs, ref.at("nobs").get<std::size_t>());
    for (const auto& [name, value] : ref.at("coef").items()) {
        const auto j = std::find(fit.names.begin(), fit.names.end(), name) - fit.names.begin();
        EXPECT_CLOSE(name, fit.coef(j), value.get<double>(), testing::kCoefRtol);
    }
    for (const auto& [which, vcov] : {std::pair{"iid", "iid"}, {"hetero", "hc1"}, {"cluster_firm", "cluster:firm"}})
        expect_ses(inferred(fit, vcov, "fixest"), ref.at("se").at(which), which);
    // fixef.force_exact: K_fe is the rank of the dummies (R's QR of [1 D] on the same rows).
    EXPECT_EQ(fixed_effects_rank(fit.sample.fixed_effects), ref.at("rank_dummies").get<std::size_t>());
    expect_ses(inferred(fit, "iid", "fixest,fixef_exact=1"), ref.at("se").at("iid_exact"), "iid_exact");
    expect_ses(inferred(fit, "iid", "fixef_exact=1"), ref.at("se").at("iid_exact"), "iid_exact (default rules)");
    // The default counts the third dimension by reghdfe's pairwise rule: not fixest's numbers.
    const double default_se = inferred(fit, "iid", "default").coef.front().se;
    EXPECT_GT(std::abs(default_se / ref.at("se").at("iid").at(fit.names.front()).get<double>() - 1), 1e-4);
}

TEST(FixestSsc, FixedEffectsPoissonAndLogitTakeFixestsFactor) {
    const auto& poisson = reference().at("poisson_fe");
    const Estimate p = glm_fit(design_of("patents ~ export_share + gvc_participation | firm + year", {"firm"}),
                               models::Family::poisson);
    ASSERT_EQ(p.nobs, poisson.at("nobs").get<std::size_t>());
    for (const auto& [which, vcov] : {std::pair{"iid", "iid"}, {"hetero", "hc1"}, {"cluster_firm", "cluster:firm"}})
        expect_ses(inferred(p, vcov, "fixest"), poisson.at("se").at(which), std::string("poisson ") + which);
    const auto& logit = reference().at("logit_fe");
    const Estimate l = glm_fit(design_of("upgrade_event ~ export_share + gvc_participation | firm", {"firm"}),
                               models::Family::logit);
    ASSERT_EQ(l.nobs, logit.at("nobs").get<std::size_t>());
    for (const auto& [which, vcov] : {std::pair{"iid", "iid"}, {"cluster_firm", "cluster:firm"}})
        expect_ses(inferred(l, vcov, "fixest"), logit.at("se").at(which), std::string("logit ") + which);
    // The default keeps Stata's G/(G-1) alone (conventions.md): smaller than fixest's.
    EXPECT_LT(inferred(p, "cluster:firm", "default").coef.front().se,
              poisson.at("se").at("cluster_firm").at("export_share").get<double>() * (1 - 1e-3));
}

TEST(FixestSsc, ClusteredFirstStageWaldFCountsEveryFirstStageCoefficient) {
    const auto& ref = reference().at("iv_first_stage");
    cli::ModelRequest request;
    request.model = "log_tfp ~ local_sourcing | firm + year | gvc_participation ~ tariff_shock + cluster_density";
    request.vcov = "cluster:firm";
    request.keep_singletons = true;
    for (const char* ssc : {"fixest", "default"}) {
        request.ssc = ssc;
        const Result r = cli::run_model(request, panel());
        ASSERT_EQ(r.nobs, ref.at("nobs").get<std::size_t>());
        const TestResult* f = r.test("first_stage_f:gvc_participation");
        ASSERT_NE(f, nullptr);
        EXPECT_CLOSE(std::string(ssc) + " first-stage F", f->stat, ref.at("ivwald1").at("stat").get<double>(), kRtol);
    }
}

}  // namespace
}  // namespace gvcpanel::estimators
