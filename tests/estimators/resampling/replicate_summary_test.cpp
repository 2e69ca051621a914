// Replicate summaries against their formulas: R's type-7 quantiles, BC equal to the percentile
// interval when the draws are centred on the estimate, BCa's acceleration, the jackknife (CV3) and
// bootstrap covariances.
#include "estimators/resampling/replicate_summary.hpp"

#include <gtest/gtest.h>

#include "support/compare.hpp"

namespace gvcpanel::estimators::resampling {
namespace {

TEST(ReplicateSummary, PercentileIsRsQuantileType7) {
    // R: quantile(1:10, c(0.025, 0.975)) = 1.225, 9.775.
    const arma::vec draws = arma::regspace(10, -1, 1);
    const Interval i = percentile_interval(draws, 0.95);
    EXPECT_DOUBLE_EQ(i.low, 1.225);
    EXPECT_DOUBLE_EQ(i.high, 9.775);
}

TEST(ReplicateSummary, BiasCorrectionVanishesWhenHalfTheDrawsAreBelow) {
    // 1..10 around 5.5: 5 of 10 below, z0 = 0, BC = percentile.
    const arma::vec draws = arma::regspace(1, 10);
    const Interval bc = bias_corrected_interval(draws, 5.5, 0.9);
    const Interval p = percentile_interval(draws, 0.9);
    EXPECT_DOUBLE_EQ(bc.low, p.low);
    EXPECT_DOUBLE_EQ(bc.high, p.high);
    // 3 of 10 below 3.5: z0 = qnorm(0.3) = -0.5244; lower level pnorm(2 z0 - 1.6449) = 0.0055 (R).
    const Interval shifted = bias_corrected_interval(draws, 3.5, 0.9);
    EXPECT_LT(shifted.low, p.low);
    EXPECT_LT(shifted.high, p.high);
    EXPECT_TRUE(std::isnan(bias_corrected_interval(draws, 0.0, 0.9).low)) << "every draw above";
}

TEST(ReplicateSummary, AccelerationFormula) {
    // d = mean - theta = (2, 1, -3): sum d^3 = 8 + 1 - 27 = -18, sum d^2 = 14.
    const double a = jackknife_acceleration(arma::vec{0.0, 1.0, 5.0});
    EXPECT_DOUBLE_EQ(a, -18.0 / (6.0 * std::pow(14.0, 1.5)));
}

TEST(ReplicateSummary, CovariancesOfReplicates) {
    const arma::mat estimates = {{1.0, 2.0}, {3.0, 2.0}, {2.0, 5.0}};
    const arma::mat jack = jackknife_covariance(estimates, arma::vec{2.0, 3.0});
    // (G-1)/G sum (b_g - b)(b_g - b)' with deviations (-1,-1), (1,-1), (0,2).
    EXPECT_DOUBLE_EQ(jack(0, 0), 2.0 / 3.0 * 2.0);
    EXPECT_DOUBLE_EQ(jack(0, 1), 2.0 / 3.0 * 0.0);
    EXPECT_DOUBLE_EQ(jack(1, 1), 2.0 / 3.0 * 6.0);
    EXPECT_TRUE(arma::approx_equal(bootstrap_covariance(estimates), arma::cov(estimates), "absdiff", 0.0));
}

}  // namespace
}  // namespace gvcpanel::estimators::resampling
