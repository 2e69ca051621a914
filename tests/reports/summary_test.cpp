// The one-model text summary: what a reader must find in it (header, table, statistics, dropped
// terms, tests, notes), checked on Results built by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "reports/summary.hpp"

namespace gvcpanel::reports {
namespace {

estimators::Result linear_result() {
    estimators::Result r;
    r.formula = "inv ~ value + capital + dup";
    r.outcome = "inv";
    r.estimator = "ols";
    r.vcov = "cluster:firm";
    r.ssc = "fixest";
    r.nobs = 200;
    r.dropped.missing = 3;
    r.dropped.collinear = {"dup"};
    r.coef = {{"(Intercept)", -42.714369, 19.279, -2.2156, 0.0279, -80.7, -4.7},
              {"value", 0.115562, 0.0155, 7.45, 1.2e-11, 0.085, 0.146}};
    r.stats["r2"] = 0.812408;
    r.stats["r2_adj"] = 0.810504;
    r.stats["f_stat"] = 51.59;
    r.stats["f_p"] = 1.17e-5;
    r.stats["n_clusters"] = {{"firm", 10}};
    r.tests.push_back({"wald", 3.25, {1, 9}, 0.105, "value = capital", ""});
    r.notes = {"something the user should know"};
    return r;
}

TEST(Summary, LinearModelShowsHeaderTableStatisticsDroppedTestsNotes) {
    const std::string text = summary(linear_result());
    for (const char* expected : {"ols estimation, dependent variable: inv", "Formula: inv ~ value + capital + dup",
                                 "Observations: 200", "clustered by firm", "10 firm clusters", "t value",
                                 "Pr(>|t|)", "(Intercept)", "-42.7144", "0.115562", "***", "R2: 0.812408",
                                 "Adj. R2: 0.810504", "Wald F (slopes", "51.59", "3 with missing values",
                                 "Dropped for collinearity: dup", "wald [value = capital]: F(1, 9) = 3.25",
                                 "something the user should know"})
        EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in\n" << text;
    EXPECT_EQ(text.find("z value"), std::string::npos);
    EXPECT_EQ(text.find("Within R2"), std::string::npos) << "a statistic the model lacks was printed";
}

TEST(Summary, LikelihoodModelUsesZAndChi2AndFlagsNonConvergence) {
    estimators::Result r = linear_result();
    r.estimator = "logit";
    r.vcov = "hc1";
    r.stats = nlohmann::ordered_json::object();
    r.tests = {{"wald", 4.5, {2}, 0.105, "value = 0, capital = 0", ""}};
    r.converged = false;
    r.convergence_message = "iteration limit reached";
    const std::string text = summary(r);
    for (const char* expected : {"z value", "Pr(>|z|)", "chi2(2) = 4.5", "NOT CONVERGED: iteration limit reached",
                                 "heteroskedasticity-robust (HC1)"})
        EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in\n" << text;
}

TEST(Summary, ThresholdsPrintWithTheirRegions) {
    auto r = linear_result();
    r.estimator = "threshold";
    r.stats["gamma1"] = 0.0157;
    r.stats["gamma1_low"] = 0.013;
    r.stats["gamma1_high"] = 0.018;
    r.stats["gamma2"] = 0.54;
    r.stats["gamma2_low"] = 0.52;
    r.stats["gamma2_high"] = 0.92;
    EXPECT_NE(summary(r).find("Thresholds (LR region): gamma1 = 0.0157 [0.013, 0.018], gamma2 = 0.54 [0.52, 0.92]\n"),
              std::string::npos)
        << summary(r);
    EXPECT_EQ(summary(linear_result()).find("Thresholds"), std::string::npos);
}

TEST(Summary, NormalStatisticWithoutDegreesOfFreedomPrintsAsZ) {
    estimators::Result r = linear_result();
    r.estimator = "diff-gmm";
    r.tests = {{"ar2", -0.516028, {}, 0.6058, "", ""}, {"hansen", 48.7498, {25}, 0.003, "", ""}};
    const std::string text = summary(r);
    for (const char* expected : {"ar2: z = -0.516028", "hansen: chi2(25) = 48.7498"})
        EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in\n" << text;
}

TEST(Summary, MissingValuesPrintAsNaAndTinyPValuesAsBound) {
    estimators::Result r = linear_result();
    r.coef[0].se = std::nan("");
    r.coef[1].p = 1e-300;
    const std::string text = summary(r);
    EXPECT_NE(text.find("NA"), std::string::npos) << text;
    EXPECT_NE(text.find("< 2.2e-16"), std::string::npos) << text;
}

}  // namespace
}  // namespace gvcpanel::reports
