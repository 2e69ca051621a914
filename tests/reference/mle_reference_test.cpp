// Likelihood models against R (glm, AER::tobit, sandwich) and statsmodels, values read from
// tests/reference/expected (each file records the exact call that produced it).
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "estimators/likelihood/mle.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel {
namespace {

using estimators::Estimate;
using estimators::Information;
using gvcpanel::testing::reference_data;

// The peers stopped at their own criteria (glm epsilon 1e-16, statsmodels tol 1e-12, survreg
// rel.tolerance 1e-13) and printed 17 digits; the issue asks for 1e-7 on coefficients and 1e-6 on
// standard errors. Measured agreement is printed by EXPECT_CLOSE on failure only.
constexpr double kMleCoefRtol = 1e-7;
constexpr double kMleSeRtol = 1e-6;

using testing::expected;

// R writes factor dummies as "foreignyes"; we write "foreign::yes".
std::string r_name(std::string name) {
    if (const auto at = name.find("::"); at != std::string::npos) name.erase(at, 2);
    return name;
}

data::Frame swisslabor() {
    data::Frame frame = data::read_csv(reference_data("swisslabor.csv"));
    const data::Column& participation = frame.column("participation");
    std::vector<double> y;
    for (std::size_t i = 0; i < frame.rows(); ++i) y.push_back(participation.text(i) == "yes" ? 1.0 : 0.0);
    frame.set(data::Column::numeric("participation", y));
    return frame;
}

models::Design design(const std::string& formula, const data::Frame& frame,
                      const std::vector<std::string>& clusters = {}) {
    models::ModelSpec spec = models::parse_model(formula);
    spec.clusters = clusters;
    return models::build_design(spec, frame);
}

std::vector<double> iid_se(const Estimate& fit) { return arma::conv_to<std::vector<double>>::from(arma::sqrt(fit.bread.diag())); }

std::vector<double> se_of(const Estimate& fit, estimators::inference::VcovSpec vcov) {
    estimators::InferenceOptions options;
    options.vcov = vcov;
    const estimators::Result result = estimators::infer(fit, options);
    std::vector<double> se;
    for (const auto& row : result.coef) se.push_back(row.se);
    return se;
}

void expect_coefficients(const Estimate& fit, const nlohmann::json& coef) {
    ASSERT_TRUE(fit.converged) << fit.convergence_message;
    for (std::size_t j = 0; j < fit.names.size(); ++j)
        EXPECT_CLOSE(fit.names[j], fit.coef(j), coef.at(r_name(fit.names[j])).get<double>(), kMleCoefRtol);
}

void expect_se(const Estimate& fit, const std::vector<double>& se, const nlohmann::json& reference,
               const std::string& key) {
    ASSERT_EQ(se.size(), fit.names.size());
    for (std::size_t j = 0; j < fit.names.size(); ++j)
        EXPECT_CLOSE(key + " " + fit.names[j], se[j], reference.at(r_name(fit.names[j])).get<double>(),
                     kMleSeRtol);
}

const char* kSwissFormula =
    "participation ~ income + age + I(age^2) + education + youngkids + oldkids + foreign";

TEST(MleReference, SwissLaborLogitAgainstGlm) {
    const auto ref = expected("swisslabor_logit");
    const Estimate fit = estimators::mle(design(kSwissFormula, swisslabor()), models::Family::logit);
    expect_coefficients(fit, ref["coef"]);
    expect_se(fit, iid_se(fit), ref["se"]["oim"], "oim");
    expect_se(fit, iid_se(fit), ref["se"]["classical"], "classical");
    expect_se(fit, se_of(fit, estimators::inference::VcovSpec::hc(0)), ref["se"]["HC0_oim_bread"], "HC0");
    expect_se(fit, se_of(fit, estimators::inference::VcovSpec::hc(1)), ref["se"]["stata_robust"], "hc1");
    const auto& stats = ref["stats"];
    EXPECT_CLOSE("loglik", fit.stats["loglik"].get<double>(), stats["loglik"].get<double>(), kMleCoefRtol);
    EXPECT_CLOSE("aic", fit.stats["aic"].get<double>(), stats["aic"].get<double>(), kMleCoefRtol);
    EXPECT_CLOSE("bic", fit.stats["bic"].get<double>(), stats["bic"].get<double>(), kMleCoefRtol);
    EXPECT_CLOSE("deviance", fit.stats["deviance"].get<double>(), stats["deviance"].get<double>(), kMleCoefRtol);
    EXPECT_CLOSE("pseudo_r2", fit.stats["pseudo_r2"].get<double>(),
                 stats["pseudo_r2_mcfadden"].get<double>(), kMleCoefRtol);
    ASSERT_EQ(fit.tests.size(), 1u);
    EXPECT_EQ(fit.tests[0].name, "lr_slopes");
    EXPECT_CLOSE("lr stat", fit.tests[0].stat, ref["tests"]["lr_all_slopes"]["stat"].get<double>(), kMleSeRtol);
    EXPECT_CLOSE("lr p", fit.tests[0].p, ref["tests"]["lr_all_slopes"]["p"].get<double>(), kMleSeRtol);
    EXPECT_EQ(fit.tests[0].df.at(0), 7.0);
}

TEST(MleReference, SwissLaborProbitObservedAndExpectedInformation) {
    const auto ref = expected("swisslabor_probit");
    const data::Frame frame = swisslabor();
    const Estimate observed = estimators::mle(design(kSwissFormula, frame), models::Family::probit);
    expect_coefficients(observed, ref["coef"]);
    expect_se(observed, iid_se(observed), ref["se"]["oim"], "oim");
    expect_se(observed, se_of(observed, estimators::inference::VcovSpec::hc(0)), ref["se"]["HC0_oim_bread"], "HC0 oim");
    expect_se(observed, se_of(observed, estimators::inference::VcovSpec::hc(1)), ref["se"]["stata_robust"], "hc1");

    estimators::MleOptions options;
    options.info = Information::expected;
    const Estimate expected_info = estimators::mle(design(kSwissFormula, frame), models::Family::probit, options);
    expect_coefficients(expected_info, ref["coef"]);
    expect_se(expected_info, iid_se(expected_info), ref["se"]["classical"], "classical");
    expect_se(expected_info, se_of(expected_info, estimators::inference::VcovSpec::hc(0)), ref["se"]["HC0"], "HC0 glm");
    EXPECT_CLOSE("loglik", observed.stats["loglik"].get<double>(), ref["stats"]["loglik"].get<double>(), kMleCoefRtol);
    EXPECT_CLOSE("lr stat", observed.tests.at(0).stat, ref["tests"]["lr_all_slopes"]["stat"].get<double>(), kMleSeRtol);
}

TEST(MleReference, SwissLaborAgainstStatsmodels) {
    const data::Frame frame = swisslabor();
    for (const auto& [name, family] : {std::pair{"sm_swisslabor_logit", models::Family::logit},
                                       std::pair{"sm_swisslabor_probit", models::Family::probit}}) {
        SCOPED_TRACE(name);
        const auto ref = expected(name);
        const Estimate fit = estimators::mle(design(kSwissFormula, frame), family);
        expect_coefficients(fit, ref["coef"]);
        expect_se(fit, iid_se(fit), ref["se"]["classical"], "classical");
        expect_se(fit, se_of(fit, estimators::inference::VcovSpec::hc(0)), ref["se"]["HC0"], "HC0");
        EXPECT_CLOSE("loglik", fit.stats["loglik"].get<double>(), ref["stats"]["loglik"].get<double>(), kMleCoefRtol);
    }
}

TEST(MleReference, AffairsTobitAgainstAer) {
    const auto ref = expected("affairs_tobit");
    const data::Frame frame = data::read_csv(reference_data("affairs.csv"));
    const Estimate fit = estimators::mle(
        design("affairs ~ age + yearsmarried + religiousness + occupation + rating", frame),
        models::Family::tobit);
    expect_coefficients(fit, ref["coef"]);
    expect_se(fit, iid_se(fit), ref["se"]["classical"], "classical");
    // sandwich(m) on survreg is the joint (beta, log sigma) sandwich; its beta block.
    expect_se(fit, se_of(fit, estimators::inference::VcovSpec::hc(0)), ref["se"]["HC0"], "HC0");
    ASSERT_EQ(fit.ancillary.size(), 1u);
    EXPECT_EQ(fit.ancillary[0].name, "sigma");
    EXPECT_CLOSE("log sigma", std::log(fit.ancillary[0].estimate), ref["coef"]["Log(scale)"].get<double>(), kMleCoefRtol);
    // se(sigma) = sigma se(log sigma) by the delta method.
    EXPECT_CLOSE("se log sigma", fit.ancillary[0].se / fit.ancillary[0].estimate,
                 ref["se"]["classical"]["Log(scale)"].get<double>(), kMleSeRtol);
    EXPECT_CLOSE("loglik", fit.stats["loglik"].get<double>(), ref["stats"]["loglik"].get<double>(), kMleCoefRtol);
}

TEST(MleReference, SyntheticPoissonWithFirmDummies) {
    const auto ref = expected("synthetic_poisson_fe");
    const data::Frame frame = data::read_csv(reference_data("synthetic_panel.csv"));
    const Estimate full = estimators::mle(design("y_cnt ~ x1 + x2 + i(firm)", frame, {"firm"}),
                                          models::Family::poisson);
    ASSERT_TRUE(full.converged) << full.convergence_message;
    // The two firms without any count are separated (their dummies predict y = 0): 16 rows.
    EXPECT_EQ(full.sample.dropped.separated, 16u);
    EXPECT_EQ(full.nobs, ref["stats"]["nobs"].get<std::size_t>());
    EXPECT_CLOSE("loglik", full.stats["loglik"].get<double>(), ref["stats"]["loglik"].get<double>(), kMleCoefRtol);
    EXPECT_CLOSE("deviance", full.stats["deviance"].get<double>(), ref["stats"]["deviance"].get<double>(), kMleCoefRtol);
    const auto cluster = se_of(full, estimators::inference::VcovSpec::cluster({"firm"}));
    const auto hc0 = se_of(full, estimators::inference::VcovSpec::hc(0));
    for (std::size_t j : {1u, 2u}) {
        const std::string name = full.names[j];
        ASSERT_TRUE(name == "x1" || name == "x2") << name;
        EXPECT_CLOSE(name, full.coef(j), ref["coef"][name].get<double>(), kMleCoefRtol);
        EXPECT_CLOSE(name + " iid", std::sqrt(full.bread(j, j)), ref["se"]["classical"][name].get<double>(), kMleSeRtol);
        EXPECT_CLOSE(name + " cluster", cluster[j], ref["se"]["cluster_firm_G"][name].get<double>(), kMleSeRtol);
        EXPECT_CLOSE(name + " hc0", hc0[j], ref["se"]["HC0"][name].get<double>(), kMleSeRtol);
    }
}

}  // namespace
}  // namespace gvcpanel
