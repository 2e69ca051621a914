// The product-of-coefficients effects and tests written out by hand on a small coefficient vector:
// the rows and their Jacobian, and the Sobel, Aroian and Goodman statistics as their formulas.
#include "estimators/mediation/product_of_coefficients.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace gvcpanel::estimators::mediation {
namespace {

const std::vector<std::string> kNames = {"[m]x", "[y]x", "[y]m", "[y]c"};
const MediationPaths kPaths{"x", {"m"}, "y"};

TEST(ProductOfCoefficients, EffectsAndTheirJacobian) {
    const arma::vec b = {0.6, 0.3, 0.5, 9.0};  // a, c', b, a control
    const auto effects = mediation_effects(kPaths, b, kNames);
    const std::vector<std::string> names = {"total", "direct", "indirect", "prop_mediated"};
    EXPECT_EQ(effects.names, names);
    EXPECT_DOUBLE_EQ(effects.values(0), 0.3 + 0.6 * 0.5);
    EXPECT_DOUBLE_EQ(effects.values(2), 0.6 * 0.5);
    EXPECT_DOUBLE_EQ(effects.values(3), 0.3 / 0.6);
    const arma::rowvec indirect = {0.5, 0.0, 0.6, 0.0};
    EXPECT_TRUE(arma::approx_equal(effects.jacobian.row(2), indirect, "absdiff", 1e-15));
    // d(ab / (c' + ab)): (b c', -ab, a c') / total^2 in (a, c', b).
    const arma::rowvec prop = arma::rowvec{0.5 * 0.3, -0.3, 0.6 * 0.3, 0.0} / (0.6 * 0.6);
    EXPECT_TRUE(arma::approx_equal(effects.jacobian.row(3), prop, "absdiff", 1e-14));
}

TEST(ProductOfCoefficients, SobelAroianGoodmanAreTheirFormulas) {
    const arma::vec b = {0.6, 0.3, 0.5, 9.0};
    arma::mat v(4, 4, arma::fill::eye);
    v(0, 0) = 0.04;
    v(2, 2) = 0.01;
    v(0, 2) = v(2, 0) = 0.005;  // ignored: the tests use the two variances only
    const auto tests = indirect_effect_tests(kPaths, b, v, kNames);
    ASSERT_EQ(tests.size(), 3u);
    const double first_order = 0.25 * 0.04 + 0.36 * 0.01;
    EXPECT_DOUBLE_EQ(tests[0].stat, 0.3 / std::sqrt(first_order));
    EXPECT_DOUBLE_EQ(tests[1].stat, 0.3 / std::sqrt(first_order + 0.04 * 0.01));
    EXPECT_DOUBLE_EQ(tests[2].stat, 0.3 / std::sqrt(first_order - 0.04 * 0.01));
    EXPECT_EQ(tests[0].name, "sobel");
    EXPECT_NEAR(tests[0].p, std::erfc(tests[0].stat / std::sqrt(2.0)), 1e-14);
}

}  // namespace
}  // namespace gvcpanel::estimators::mediation
