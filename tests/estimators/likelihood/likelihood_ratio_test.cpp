// The likelihood-ratio test of the slopes against values worked by hand.
#include "estimators/likelihood/likelihood_ratio.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

TEST(LikelihoodRatio, TwiceTheGainAgainstChiSquared) {
    // chi2(2) has upper tail exp(-x/2): 2 (-10 - -12) = 4 gives exp(-2).
    const auto t = lr_slopes_test(-10.0, -12.0, 2, "against beta = 0");
    EXPECT_EQ(t.name, "lr_slopes");
    EXPECT_DOUBLE_EQ(t.stat, 4.0);
    EXPECT_EQ(t.df, (std::vector<double>{2.0}));
    EXPECT_CLOSE("p", t.p, std::exp(-2.0), testing::kStatRtol);
    EXPECT_EQ(t.note, "against beta = 0");
}

TEST(LikelihoodRatio, RoundingBelowTheRestrictedFitGivesPOne) {
    const auto t = lr_slopes_test(-12.0 - 1e-12, -12.0, 3, "");
    EXPECT_LT(t.stat, 0.0);
    EXPECT_DOUBLE_EQ(t.p, 1.0);
}

}  // namespace
}  // namespace gvcpanel::estimators
