// Restrictions from text and the Wald statistic (its values against lmtest::waldtest are in
// tests/reference/grunfeld_ols_test.cpp).
#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/wald.hpp"

namespace gvcpanel::estimators::inference {
namespace {

const std::vector<std::string> kNames = {"(Intercept)", "x1", "x2", "log(k)", "south::yes"};

std::string error_of(const std::string& text) {
    try {
        parse_restrictions(text, kNames);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(Wald, ParsesEqualitiesSumsMultiplesAndConstants) {
    const auto equal = parse_restrictions("x1 = x2", kNames);
    EXPECT_TRUE(arma::approx_equal(equal.R, arma::mat{{0, 1, -1, 0, 0}}, "absdiff", 0.0));
    EXPECT_EQ(equal.r(0), 0.0);
    const auto joint = parse_restrictions("x1 = 0, x2 = 0", kNames);
    EXPECT_TRUE(arma::approx_equal(joint.R, arma::mat{{0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}}, "absdiff", 0.0));
    const auto weighted = parse_restrictions("2*x1 - x2 = 1", kNames);
    EXPECT_TRUE(arma::approx_equal(weighted.R, arma::mat{{0, 2, -1, 0, 0}}, "absdiff", 0.0));
    EXPECT_EQ(weighted.r(0), 1.0);
    const auto names = parse_restrictions("-log(k) + 1e-3*south::yes + 2 = x1*0.5 - 1", kNames);
    EXPECT_TRUE(arma::approx_equal(names.R, arma::mat{{0, -0.5, 0, -1, 1e-3}}, "absdiff", 0.0));
    EXPECT_EQ(names.r(0), -3.0);
    EXPECT_EQ(names.text, "-log(k) + 1e-3*south::yes + 2 = x1*0.5 - 1");
}

TEST(Wald, MalformedRestrictionsAreErrorsThatSayWhat) {
    EXPECT_NE(error_of("x3 = 0").find("no coefficient 'x3'"), std::string::npos);
    EXPECT_NE(error_of("x3 = 0").find("did you mean"), std::string::npos);
    EXPECT_NE(error_of("x1").find("exactly one '='"), std::string::npos);
    EXPECT_NE(error_of("x1 = x2 = 0").find("exactly one '='"), std::string::npos);
    EXPECT_NE(error_of("x1*x2 = 0").find("must be linear"), std::string::npos);
    EXPECT_NE(error_of("1 = 2").find("involves no coefficient"), std::string::npos);
    EXPECT_NE(error_of("x1 - = 0").find("not followed by a term"), std::string::npos);
    EXPECT_NE(error_of(" = x1").find("side of the equation is empty"), std::string::npos);
}

TEST(Wald, FForFiniteDfChi2Otherwise) {
    const arma::vec coef = {0.0, 1.0, 2.0, 0.0, 0.0};
    const arma::mat v = arma::eye(5, 5);
    const auto r = parse_restrictions("x1 = 0", kNames);
    const TestResult chi2 = wald_test(coef, v, r, std::nan(""));
    EXPECT_EQ(chi2.stat, 1.0);
    EXPECT_EQ(chi2.df, std::vector<double>{1.0});
    EXPECT_NEAR(chi2.p, 0.31731050786291415, 1e-15);  // 2 (1 - Phi(1))
    const TestResult f = wald_test(coef, v, parse_restrictions("x1 = 0, x2 = 0", kNames), 30.0);
    EXPECT_EQ(f.stat, (1.0 + 4.0) / 2.0);
    EXPECT_EQ(f.df, (std::vector<double>{2.0, 30.0}));
    EXPECT_EQ(f.name, "wald");
    EXPECT_EQ(f.restriction, "x1 = 0, x2 = 0");
}

TEST(Wald, RedundantRestrictionsAreAnError) {
    const arma::vec coef = {0.0, 1.0, 2.0, 0.0, 0.0};
    EXPECT_THROW(wald_test(coef, arma::eye(5, 5), parse_restrictions("x1 = 0, 2*x1 = 0", kNames), 30.0), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
