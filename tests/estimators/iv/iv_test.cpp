// 2SLS cross-checks that need no outside tool: instruments equal to the regressors give OLS; the
// simulated cluster-GVC panel (data/simulate) recovers its true IV coefficients; errors name the
// problem.
#include <gtest/gtest.h>

#include <algorithm>
#include <armadillo>
#include <cmath>

#include "data/error.hpp"
#include "data/panel_index.hpp"
#include "data/simulate.hpp"
#include "estimators/infer.hpp"
#include "estimators/iv/iv.hpp"
#include "estimators/linear/ols.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;
using testing::kSeRtol;

// y = 1 + 0.5 x1 - x2 + e with fixed draws; x2 is declared endogenous and instrumented by itself.
models::Design exactly_exogenous() {
    arma::arma_rng::set_seed(42);
    const arma::uword n = 200;
    models::Design d;
    d.formula = "y ~ x1 | x2 ~ z";
    d.outcome = "y";
    const arma::vec x1 = arma::randn(n), x2 = arma::randn(n);
    d.y = 1.0 + 0.5 * x1 - x2 + arma::randn(n);
    d.X = arma::join_rows(arma::vec(n, arma::fill::ones), x2, x1);
    d.names = {"(Intercept)", "x2", "x1"};
    d.endogenous = {"x2"};
    d.instruments = x2;
    d.instrument_names = {"z"};
    for (arma::uword i = 0; i < n; ++i) d.sample.rows.push_back(i);
    return d;
}

TEST(TwoStageLeastSquares, InstrumentsEqualToRegressorsGiveOls) {
    const models::Design d = exactly_exogenous();
    const Estimate iv = two_stage_least_squares(d);
    const Estimate least_squares = ols(d);
    ASSERT_EQ(iv.names, least_squares.names);
    for (const char* vcov : {"iid", "hc1", "hc3"}) {
        InferenceOptions options;
        options.vcov = inference::parse_vcov(vcov);
        const Result a = infer(iv, options), b = infer(least_squares, options);
        for (std::size_t j = 0; j < a.coef.size(); ++j) {
            EXPECT_CLOSE(a.coef[j].name + " coef", a.coef[j].estimate, b.coef[j].estimate, kCoefRtol);
            EXPECT_CLOSE(a.coef[j].name + " se " + vcov, a.coef[j].se, b.coef[j].se, kSeRtol);
        }
    }
    // P_Z X = X: the endogeneity test has nothing to add (its first-stage residual is zero).
    const auto endogeneity = std::find_if(iv.tests.begin(), iv.tests.end(),
                                          [](const TestResult& test) { return test.name == "endogeneity"; });
    ASSERT_NE(endogeneity, iv.tests.end());
    EXPECT_LT(std::abs(endogeneity->stat), 1e-6);
}

TEST(TwoStageLeastSquares, RecoversTheSimulatedPanel) {
    data::SimulationOptions simulation;
    simulation.firms = 4000;
    simulation.years = 10;
    simulation.seed = 7;
    const auto panel_data = data::simulate(simulation);
    const data::PanelIndex panel(panel_data.frame, "firm", "year");
    auto spec = models::parse_model(
        "log_tfp ~ local_sourcing + local_buyer_ties + cluster_density + export_share + fdi_share + size + "
        "capital_intensity | firm + year | gvc_participation + gvc_participation:cluster_density ~ "
        "tariff_shock + tariff_shock:cluster_density");
    spec.clusters = {"firm"};
    const Estimate fit = two_stage_least_squares(models::build_design(spec, panel_data.frame, &panel));
    InferenceOptions options;
    options.vcov = inference::parse_vcov("cluster:firm");
    const Result result = infer(fit, options);
    const auto& truth = panel_data.truth.outcome("log_tfp");
    // Sampling error: within 4 clustered standard errors (a false alarm has probability 6e-5).
    constexpr double kStandardErrors = 4.0;
    for (const char* name : {"gvc_participation", "gvc_participation:cluster_density"}) {
        const auto& row = result.coefficient(name);
        EXPECT_LT(std::abs(row.estimate - truth.coefficient(name)), kStandardErrors * row.se)
            << name << ": " << row.estimate << " (se " << row.se << ") against " << truth.coefficient(name);
    }
}

// 30 firms x 6 years with firm-specific trends; x endogenous (shares v with the error), z its
// instrument.
data::Frame firm_trend_panel() {
    arma::arma_rng::set_seed(11);
    std::vector<double> firm, year, x1, x, z, y;
    const arma::vec intercept = arma::randn(30), trend = 0.3 * arma::randn(30);
    for (int f = 0; f < 30; ++f)
        for (int t = 0; t < 6; ++t) {
            const double v = arma::randn(), zz = arma::randn(), xx = zz + v + 0.2 * t;
            firm.push_back(f);
            year.push_back(2001 + t);
            x1.push_back(arma::randn());
            x.push_back(xx);
            z.push_back(zz);
            y.push_back(intercept(f) + trend(f) * t + 0.5 * x1.back() + xx + 0.5 * v + arma::randn());
        }
    data::Frame frame;
    frame.add(data::Column::numeric("firm", firm));
    frame.add(data::Column::numeric("year", year));
    frame.add(data::Column::numeric("x1", x1));
    frame.add(data::Column::numeric("x", x));
    frame.add(data::Column::numeric("z", z));
    frame.add(data::Column::numeric("y", y));
    return frame;
}

TEST(TwoStageLeastSquares, AbsorbedFirmTrendsEqualTheirDummiesAndInteractions) {
    const data::Frame frame = firm_trend_panel();
    const Estimate absorbed = two_stage_least_squares(
        models::build_design(models::parse_model("y ~ x1 | firm[year] | x ~ z"), frame));
    const Estimate dummies = two_stage_least_squares(
        models::build_design(models::parse_model("y ~ x1 + i(firm) + i(firm, year) | x ~ z"), frame));
    const Result a = infer(absorbed), b = infer(dummies);
    for (const std::string name : {"x", "x1"}) {
        EXPECT_CLOSE(name, a.coefficient(name).estimate, b.coefficient(name).estimate, kCoefRtol);
        EXPECT_CLOSE(name + " se", a.coefficient(name).se, b.coefficient(name).se, kSeRtol);
    }
}

// y = 1 + x + e with x = z1 + z2 + v, e and v correlated: an over-identified design.
models::Design over_identified(bool just) {
    arma::arma_rng::set_seed(3);
    const arma::uword n = 500;
    const arma::mat z = arma::randn(n, 2);
    const arma::vec v = arma::randn(n), e = 0.5 * v + arma::randn(n);
    const arma::vec x = z.col(0) + (just ? 0.0 : 1.0) * z.col(1) + v;
    models::Design d;
    d.formula = just ? "y ~ 1 | x ~ z1" : "y ~ 1 | x ~ z1 + z2";
    d.outcome = "y";
    d.y = 1.0 + x + e;
    d.X = arma::join_rows(arma::vec(n, arma::fill::ones), x);
    d.names = {"(Intercept)", "x"};
    d.endogenous = {"x"};
    d.instruments = just ? arma::mat(z.col(0)) : z;
    d.instrument_names = just ? std::vector<std::string>{"z1"} : std::vector<std::string>{"z1", "z2"};
    for (arma::uword i = 0; i < n; ++i) d.sample.rows.push_back(i);
    return d;
}

TEST(Liml, ExactlyIdentifiedEqualsTwoStageLeastSquares) {
    const auto d = over_identified(true);
    const Estimate a = liml(d), b = two_stage_least_squares(d);
    EXPECT_CLOSE("kappa", a.stats.at("kappa").get<double>(), 1.0, kCoefRtol);
    for (arma::uword j = 0; j < a.k(); ++j) {
        EXPECT_CLOSE(a.names[j], a.coef(j), b.coef(j), kCoefRtol);
        EXPECT_CLOSE(a.names[j] + " se", std::sqrt(a.sigma2 * a.bread(j, j)), std::sqrt(b.sigma2 * b.bread(j, j)), kSeRtol);
    }
}

TEST(Liml, OverIdentifiedKappaAboveOne) {
    const Estimate a = liml(over_identified(false));
    EXPECT_GT(a.stats.at("kappa").get<double>(), 1.0);
}

TEST(IvGmm, ExactlyIdentifiedEqualsTwoStageLeastSquares) {
    const auto d = over_identified(true);
    const Estimate a = iv_gmm(d), b = two_stage_least_squares(d);
    for (arma::uword j = 0; j < a.k(); ++j) EXPECT_CLOSE(a.names[j], a.coef(j), b.coef(j), kCoefRtol);
}

// The 2SLS fit's Hansen J is the GMM objective at the two-step estimate: the GMM fit's own moments
// reproduce it.
TEST(IvGmm, HansenJIsTheTwoStepObjective) {
    const auto d = over_identified(false);
    const Estimate gmm = iv_gmm(d), tsls = two_stage_least_squares(d);
    const arma::mat Z = arma::join_rows(arma::vec(d.nobs(), arma::fill::ones), d.instruments);
    const arma::vec e_first = tsls.residuals;
    const arma::mat S = (Z.each_col() % e_first).t() * (Z.each_col() % e_first);
    const arma::vec g = Z.t() * (d.y - d.X * gmm.coef);
    const double j = arma::as_scalar(g.t() * arma::solve(S, g));
    const auto hansen = std::find_if(tsls.tests.begin(), tsls.tests.end(),
                                     [](const TestResult& test) { return test.name == "hansen"; });
    ASSERT_NE(hansen, tsls.tests.end());
    EXPECT_CLOSE("hansen", hansen->stat, j, kCoefRtol);
}

TEST(TwoStageLeastSquares, TooFewInstrumentsIsAnError) {
    models::Design d = exactly_exogenous();
    d.endogenous = {"x2", "x1"};
    EXPECT_THROW(two_stage_least_squares(d), Error);
}

TEST(TwoStageLeastSquares, NoIvPartIsAnError) {
    models::Design d = exactly_exogenous();
    d.endogenous.clear();
    EXPECT_THROW(two_stage_least_squares(d), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
