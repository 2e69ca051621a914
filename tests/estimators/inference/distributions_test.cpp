// Tail probabilities and critical values against textbook quantiles (Abramowitz and Stegun 26;
// the t and chi2 tables), and tiny p-values that keep their digits.
#include <gtest/gtest.h>

#include <cmath>

#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators::inference {
namespace {

// The table values are printed to 15-16 digits.
constexpr double kTableTolerance = 1e-13;

TEST(Distributions, NormalAndTQuantilesAndTails) {
    EXPECT_NEAR(two_sided_critical(0.95, std::nan("")), 1.959963984540054, kTableTolerance);
    EXPECT_NEAR(two_sided_p(1.959963984540054, INFINITY), 0.05, kTableTolerance);
    EXPECT_NEAR(two_sided_critical(0.95, 10.0), 2.228138851986274, kTableTolerance);
    EXPECT_NEAR(two_sided_p(2.228138851986274, 10.0), 0.05, kTableTolerance);
    EXPECT_NEAR(chi2_upper_p(3.841458820694124, 1.0), 0.05, kTableTolerance);
    EXPECT_NEAR(f_upper_p(1.0, 1.0, 1e300), 0.31731050786291415, 1e-10);
}

TEST(Distributions, TinyPValuesKeepTheirDigitsAndBadInputsAreNaN) {
    const double p = two_sided_p(40.0, 197.0);
    EXPECT_GT(p, 0.0);
    EXPECT_LT(p, 1e-80);
    EXPECT_GT(chi2_upper_p(600.0, 2.0), 0.0);
    EXPECT_TRUE(std::isnan(two_sided_p(std::nan(""), 10.0)));
    EXPECT_TRUE(std::isnan(two_sided_p(1.0, 0.0)));
    EXPECT_TRUE(std::isnan(f_upper_p(-1.0, 2.0, 10.0)));
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
