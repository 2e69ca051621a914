// infer(): the Result an Estimate turns into (t or normal, intervals, stats, tests, notes, fixed
// effects) and the contract checks. Peer values: tests/reference/grunfeld_*_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "data/error.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators {
namespace {

Estimate small_linear() {
    Estimate e;
    e.estimator = "ols";
    e.formula = "y ~ x1 + x2";
    e.outcome = "y";
    e.names = {"(Intercept)", "x1", "x2"};
    e.coef = {1.0, 0.5, -0.25};
    e.bread = {{0.5, 0.1, 0.0}, {0.1, 0.2, 0.05}, {0.0, 0.05, 0.1}};
    e.sigma2 = 2.0;
    e.nobs = 40;
    e.scores = arma::mat(40, 3, arma::fill::ones);
    for (arma::uword i = 0; i < 40; ++i) e.scores.row(i) *= std::sin(1.0 + i) * (1.0 + 0.1 * i);
    e.scores.col(1) %= arma::regspace(1, 40);
    models::Grouping g{"firm", {}, 8, {}};
    for (int i = 0; i < 40; ++i) g.codes.push_back(i % 8);
    e.sample.clusters = {g};
    e.sample.fixed_effects = {models::Grouping{"year", std::vector<std::int32_t>(40, 0), 1, {}}};
    e.sample.dropped.missing = 4;
    e.stats["r2"] = 0.3;
    e.tests.push_back({"own", 1.0, {1}, 0.3, "", ""});
    e.notes = {"estimator note"};
    return e;
}

TEST(Infer, IidTableUsesTWithResidualDegreesOfFreedom) {
    const Estimate e = small_linear();
    const Result r = infer(e);
    ASSERT_EQ(r.coef.size(), 3u);
    const double df = 40.0 - 3.0;
    for (std::size_t j = 0; j < 3; ++j) {
        const auto& row = r.coef[j];
        const double se = std::sqrt(2.0 * e.bread(j, j));
        EXPECT_DOUBLE_EQ(row.se, se);
        EXPECT_DOUBLE_EQ(row.stat, e.coef(j) / se);
        EXPECT_DOUBLE_EQ(row.p, inference::two_sided_p(row.stat, df));
        const double q = inference::two_sided_critical(0.95, df);
        EXPECT_DOUBLE_EQ(row.ci_low, e.coef(j) - q * se);
        EXPECT_DOUBLE_EQ(row.ci_high, e.coef(j) + q * se);
    }
    EXPECT_EQ(r.vcov, "iid");
    EXPECT_EQ(r.ssc, "default");
    EXPECT_EQ(r.stats.at("df_resid").get<double>(), df);
    EXPECT_EQ(r.stats.at("r2").get<double>(), 0.3);
    EXPECT_TRUE(r.stats.contains("f_stat"));
    EXPECT_EQ(r.dropped.missing, 4u);
    ASSERT_EQ(r.fixed_effects.size(), 1u);
    EXPECT_EQ(r.fixed_effects[0].name, "year");
    EXPECT_EQ(r.notes, std::vector<std::string>{"estimator note"});
}

TEST(Infer, ClusteredTestsUseGMinusOneAndReportClusters) {
    InferenceOptions options;
    options.vcov = inference::VcovSpec::cluster({"firm"});
    options.wald = {"x1 = x2"};
    options.level = 0.9;
    const Result r = infer(small_linear(), options);
    EXPECT_EQ(r.stats.at("n_clusters").at("firm").get<int>(), 8);
    const auto& row = r.coef[1];
    EXPECT_DOUBLE_EQ(row.p, inference::two_sided_p(row.stat, 7.0));
    EXPECT_DOUBLE_EQ(row.ci_high - row.estimate, inference::two_sided_critical(0.9, 7.0) * row.se);
    ASSERT_EQ(r.tests.size(), 2u);
    EXPECT_EQ(r.tests[0].name, "own");
    EXPECT_EQ(r.tests[1].name, "wald");
    EXPECT_EQ(r.tests[1].df, (std::vector<double>{1.0, 7.0}));
}

TEST(Infer, LikelihoodModelsUseTheNormalAndNoF) {
    Estimate e = small_linear();
    e.kind = ModelKind::likelihood;
    e.estimator = "logit";
    InferenceOptions options;
    options.wald = {"x1 = 0"};
    const Result r = infer(e, options);
    EXPECT_DOUBLE_EQ(r.coef[1].se, std::sqrt(e.bread(1, 1))) << "iid is the bread itself";
    EXPECT_DOUBLE_EQ(r.coef[1].p, inference::two_sided_p(r.coef[1].stat, INFINITY));
    EXPECT_FALSE(r.stats.contains("f_stat"));
    EXPECT_EQ(r.tests.back().df, std::vector<double>{1.0}) << "chi2(q)";
}

TEST(Infer, GmmUsesTheEstimatorsOwnIidCovariance) {
    Estimate e = small_linear();
    e.kind = ModelKind::gmm;
    EXPECT_THROW(infer(e), Error);
    e.iid_vcov = arma::diagmat(arma::vec{4.0, 9.0, 16.0});
    const Result r = infer(e);
    EXPECT_DOUBLE_EQ(r.coef[2].se, 4.0);
}

TEST(Infer, ContractViolationsAndBadLevelsAreErrors) {
    Estimate e = small_linear();
    e.names.pop_back();
    EXPECT_THROW(infer(e), Error);
    InferenceOptions options;
    options.level = 95.0;
    EXPECT_THROW(infer(small_linear(), options), Error);
}

// Degenerate fits (estimators/degenerate_fit.hpp): no residual degrees of freedom is an error for
// every kind of model; an exact fit keeps its estimates but reports no statistic, p-value or test;
// a covariance that is not finite makes the result not converged, whatever the estimator said.
TEST(Infer, NoResidualDegreesOfFreedomIsAnError) {
    Estimate e = small_linear();
    e.nobs = 3;
    try {
        infer(e);
        FAIL() << "3 observations for 3 coefficients must be refused";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("ols: 3 observations for 3 coefficients: no residual degrees of freedom"),
                  std::string::npos)
            << error.what();
    }
    e.nobs = 4;
    e.df_fe = 1;
    EXPECT_THROW(infer(e), Error) << "the absorbed fixed effects count as parameters of a linear model";
    e.kind = ModelKind::likelihood;
    EXPECT_NO_THROW(infer(e)) << "a likelihood model counts its coefficients only";
    e.nobs = 3;
    EXPECT_THROW(infer(e), Error);
}

TEST(Infer, AnExactFitReportsEstimatesWithoutTests) {
    Estimate e = small_linear();
    e.exact_fit = true;
    InferenceOptions options;
    options.wald = {"x1 = x2"};
    const Result r = infer(e, options);
    for (const auto& row : r.coef) {
        EXPECT_TRUE(std::isfinite(row.estimate));
        EXPECT_TRUE(std::isfinite(row.se));
        EXPECT_TRUE(std::isnan(row.stat));
        EXPECT_TRUE(std::isnan(row.p));
    }
    EXPECT_TRUE(r.stats.at("f_stat").is_null());
    EXPECT_TRUE(r.stats.at("f_p").is_null());
    ASSERT_NE(r.test("wald"), nullptr);
    EXPECT_TRUE(std::isnan(r.test("wald")->p));
    EXPECT_NE(r.notes.back().find("fits the outcome exactly"), std::string::npos);
}

TEST(Infer, ANonFiniteCovarianceIsNotConverged) {
    Estimate e = small_linear();
    e.bread(1, 1) = std::numeric_limits<double>::infinity();
    const Result r = infer(e);
    EXPECT_FALSE(r.converged);
    EXPECT_NE(r.convergence_message.find("the covariance matrix is not finite"), std::string::npos)
        << r.convergence_message;
    e.bread(1, 1) = std::nan("");
    EXPECT_FALSE(infer(e).converged);
    EXPECT_TRUE(infer(small_linear()).converged);
}

}  // namespace
}  // namespace gvcpanel::estimators
