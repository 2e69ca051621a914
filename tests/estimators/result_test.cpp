#include "estimators/result.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::estimators {

namespace {

Result sample_result() {
    Result r;
    r.formula = "y ~ x1 + x2 | firm + year";
    r.outcome = "y";
    r.estimator = "ols";
    r.vcov = "cluster:firm";
    r.ssc = "fixest";
    r.nobs = 1000;
    r.dropped.missing = 3;
    r.dropped.zero_weight = 1;
    r.dropped.singletons = 2;
    r.dropped.collinear = {"x3"};
    r.coef = {{"x1", 0.1 + 0.2, 0.01, 30.000000000000004, 1e-300, 0.28, 0.32},
              {"x2", -1.0 / 3.0, 0.5, std::nan(""), std::nan(""), std::nan(""), std::nan("")}};
    r.ancillary = {{"sigma", 1.5, 0.25}};
    r.vcov_matrix = {{1e-4, 2e-6}, {2e-6, 0.25}};
    r.stats["r2"] = 0.9;
    r.stats["n_clusters"] = {{"firm", 100}};
    r.fixed_effects = {{"firm", 100}, {"year", 10}};
    r.tests = {{"wald", 3.1, {1, 99}, 0.08, "x1 = x2", ""}, {"hausman", 12.5, {2}, 0.0019, "", "chi2"}};
    r.converged = false;
    r.convergence_message = "demeaning stopped after 10000 iterations";
    r.notes = {"1 observation with zero weight dropped"};
    return r;
}

}  // namespace

// Numbers travel through JSON with round-trip precision: reports and the batch store read back
// exactly what the estimator computed.
TEST(ResultJson, RoundTripsEveryFieldExactly) {
    const Result original = sample_result();
    const auto json = to_json(original);
    const Result back = result_from_json(nlohmann::ordered_json::parse(json.dump()));
    EXPECT_EQ(back.formula, original.formula);
    EXPECT_EQ(back.outcome, original.outcome);
    EXPECT_EQ(back.vcov, original.vcov);
    EXPECT_EQ(back.nobs, original.nobs);
    EXPECT_EQ(back.dropped.missing, 3u);
    EXPECT_EQ(back.dropped.zero_weight, 1u);
    EXPECT_EQ(back.dropped.singletons, 2u);
    EXPECT_EQ(back.dropped.collinear, std::vector<std::string>{"x3"});
    ASSERT_EQ(back.coef.size(), 2u);
    EXPECT_EQ(back.coef[0].estimate, 0.1 + 0.2);
    EXPECT_EQ(back.coef[0].stat, 30.000000000000004);
    EXPECT_EQ(back.coef[0].p, 1e-300);
    EXPECT_EQ(back.coef[1].estimate, -1.0 / 3.0);
    EXPECT_TRUE(std::isnan(back.coef[1].stat));
    EXPECT_EQ(back.ancillary[0].se, 0.25);
    EXPECT_EQ(back.vcov_matrix(1, 0), 2e-6);
    EXPECT_EQ(back.stats["n_clusters"]["firm"], 100);
    ASSERT_EQ(back.fixed_effects.size(), 2u);
    EXPECT_EQ(back.fixed_effects[1].levels, 10);
    ASSERT_EQ(back.tests.size(), 2u);
    EXPECT_EQ(back.tests[0].restriction, "x1 = x2");
    EXPECT_EQ(back.tests[0].df, (std::vector<double>{1, 99}));
    EXPECT_EQ(back.tests[1].df, std::vector<double>{2});
    EXPECT_EQ(back.tests[1].note, "chi2");
    EXPECT_FALSE(back.converged);
    EXPECT_EQ(back.convergence_message, original.convergence_message);
    EXPECT_EQ(back.notes, original.notes);
}

TEST(ResultJson, MissingNumbersAreNullAndOneDfIsANumber) {
    const auto json = to_json(sample_result());
    EXPECT_TRUE(json["coef"][1]["stat"].is_null());
    EXPECT_TRUE(json["tests"][1]["df"].is_number());
    EXPECT_TRUE(json["tests"][0]["df"].is_array());
}

TEST(ResultJson, RejectsWhatIsNotAResultAndNamesUnknownCoefficients) {
    EXPECT_THROW(result_from_json(nlohmann::ordered_json::parse("[1, 2]")), Error);
    EXPECT_THROW(result_from_json(nlohmann::ordered_json::parse("{\"formula\": \"y ~ x\"}")), Error);
    const Result r = sample_result();
    EXPECT_EQ(r.coefficient("x2").se, 0.5);
    EXPECT_NE(r.test("hausman"), nullptr);
    EXPECT_EQ(r.test("sargan"), nullptr);
    try {
        r.coefficient("x");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("did you mean"), std::string::npos) << e.what();
    }
}

}  // namespace gvcpanel::estimators
