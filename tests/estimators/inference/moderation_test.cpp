// --margins-over: the grid's parsing, the Johnson-Neyman bounds as exact roots of t(z)^2 = c^2 in
// each of their cases, and the rows' effects and standard errors written out by hand.
#include "estimators/inference/moderation.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::estimators::inference {
namespace {

TEST(Moderation, GridFromStepsOrList) {
    const auto steps = parse_margins_over("density = 0(0.1)1");
    EXPECT_EQ(steps.moderator, "density");
    ASSERT_EQ(steps.values.size(), 11u);  // the end is kept despite 0.1's rounding
    EXPECT_DOUBLE_EQ(steps.values.back(), 1.0);
    const auto list = parse_margins_over(" z = -1, 0.5,2 ");
    EXPECT_EQ(list.values, (std::vector<double>{-1, 0.5, 2}));
    for (const std::string bad : {"z", "z = ", "= 1", "z = 1(0)2", "z = 2(1)1", "z = a, b", "z = 0(1"})
        EXPECT_THROW(parse_margins_over(bad), Error) << bad;
}

double t_at(double z, double b1, double b3, double v11, double v13, double v33) {
    return (b1 + b3 * z) / std::sqrt(v11 + 2 * z * v13 + z * z * v33);
}

// The bounds solve t(z)^2 = c^2: rounding of a quadratic's roots, 1e-9 relative in t^2.
TEST(Moderation, JohnsonNeymanBoundsSolveTheQuadratic) {
    const double c = 1.959963984540054;
    struct Case {
        double b1, b3, v11, v13, v33;
        const char* significant;
        std::size_t bounds;
    };
    for (const Case& k : {Case{-0.5, 1.0, 0.04, -0.01, 0.02, "outside", 2},  // the effect crosses zero
                          Case{0.5, 0.02, 0.01, 0.0, 0.04, "inside", 2},    // significant near z = 0 only
                          Case{5.0, 0.0, 0.01, 0.0, 0.0001, "inside", 2},
                          Case{0.01, 0.0, 1.0, 0.0, 1.0, "nowhere", 0},
                          Case{3.0, 1.0, 0.01, 0.0, 0.0001, "outside", 2}}) {  // insignificant only near z = -3
        const auto jn = johnson_neyman(k.b1, k.b3, k.v11, k.v13, k.v33, c);
        EXPECT_EQ(jn.significant, k.significant) << k.b1 << " " << k.b3;
        ASSERT_EQ(jn.bounds.size(), k.bounds);
        for (const double z : jn.bounds) {
            const double t = t_at(z, k.b1, k.b3, k.v11, k.v13, k.v33);
            EXPECT_NEAR(t * t, c * c, 1e-9 * c * c) << "bound " << z;
        }
        if (k.bounds == 2) {
            // Between the bounds |t| < c for "outside", > c for "inside".
            const double middle = std::fabs(t_at(0.5 * (jn.bounds[0] + jn.bounds[1]), k.b1, k.b3, k.v11, k.v13, k.v33));
            EXPECT_EQ(middle > c, std::string(k.significant) == "inside");
        }
    }
}

TEST(Moderation, RowsAreTheLinearCombination) {
    const std::vector<std::string> names = {"(Intercept)", "x", "z", "x:z"};
    const arma::vec b = {1.0, 0.5, 0.2, -0.3};
    arma::mat v(4, 4, arma::fill::eye);
    v(1, 1) = 0.04;
    v(3, 3) = 0.01;
    v(1, 3) = v(3, 1) = -0.005;
    Result result;
    add_moderated_effects(result, names, b, v, std::nan(""), 0.95, parse_margins_over("z = 0, 1, 2"));
    ASSERT_EQ(result.margins.size(), 3u);
    EXPECT_EQ(result.margins[2].name, "x");
    EXPECT_DOUBLE_EQ(result.margins[2].effect, 0.5 - 0.6);
    EXPECT_DOUBLE_EQ(result.margins[2].se, std::sqrt(0.04 - 4 * 0.005 + 4 * 0.01));
    EXPECT_EQ(result.stats["johnson_neyman"][0]["moderator"], "z");
    EXPECT_THROW(add_moderated_effects(result, names, b, v, 10, 0.95, parse_margins_over("w = 1")), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
