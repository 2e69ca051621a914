// Driscoll-Kraay and panel Newey-West on a layout small enough to sum by hand (their values
// against plm's vcovSCC and vcovNW are in tests/reference/grunfeld_panel_vcov_test.cpp): lags follow
// the period codes across gaps, the default lag is announced, and missing panel codes are errors.
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "estimators/inference/covariance.hpp"

namespace gvcpanel::estimators::inference {
namespace {

// One coefficient, bread 1; entity 0 observed at periods 0, 1, 3 (a gap at 2), entity 1 at 0, 1.
Estimate gap_estimate() {
    Estimate e;
    e.names = {"a"};
    e.coef = {0.0};
    e.bread = arma::mat(1, 1, arma::fill::ones);
    e.scores = arma::mat(arma::vec{1.0, 2.0, 3.0, -1.0, 0.5});
    e.nobs = 5;
    e.sample.entity = {0, 0, 0, 1, 1};
    e.sample.period = {10, 11, 13, 10, 11};
    return e;
}

TEST(TimeSeries, DriscollKraayBartlettSumsOverPeriodTotals) {
    // Period totals S_10 = 0, S_11 = 2.5, S_12 = 0, S_13 = 3. Lag 2, weights 2/3, 1/3:
    // G0 = 0 + 6.25 + 9 = 15.25; G1 = 0 (every pair holds a zero); G2 = S_13 S_11 = 7.5.
    const Covariance v = covariance(gap_estimate(), VcovSpec::driscoll_kraay(2), Ssc{});
    EXPECT_DOUBLE_EQ(v.matrix(0, 0), 15.25 + 2.0 * (1.0 / 3.0) * 7.5);
    EXPECT_TRUE(v.notes.empty());
}

TEST(TimeSeries, DriscollKraayDefaultLagIsXtsccsAndSaidSo) {
    const Covariance v = covariance(gap_estimate(), VcovSpec::driscoll_kraay(), Ssc{});
    // T = 3 observed periods: floor(4 (3/100)^(2/9)) = 1.
    ASSERT_EQ(v.notes.size(), 1u);
    EXPECT_NE(v.notes[0].find("lag 1"), std::string::npos) << v.notes[0];
}

TEST(TimeSeries, NeweyWestPairsOnlyWithinAnEntityAndWithinTheLag) {
    // Entity 0: s = 1, 2 (distance 1), 3 (distance 2 from 2, 3 from 1); entity 1: -1, 0.5.
    // Lag 1, weight 1/2: G0 = 1 + 4 + 9 + 1 + 0.25 = 15.25; pairs at distance 1: 1*2 and -1*0.5.
    const Covariance v = covariance(gap_estimate(), VcovSpec::newey_west(1), Ssc{});
    EXPECT_DOUBLE_EQ(v.matrix(0, 0), 15.25 + 2.0 * 0.5 * (2.0 - 0.5));
}

TEST(TimeSeries, WithoutPanelCodesTheyAreErrors) {
    Estimate e = gap_estimate();
    e.sample.entity.clear();
    EXPECT_THROW(covariance(e, VcovSpec::newey_west(1), Ssc{}), Error);
    EXPECT_NO_THROW(covariance(e, VcovSpec::driscoll_kraay(1), Ssc{}));
    e.sample.period.clear();
    try {
        covariance(e, VcovSpec::driscoll_kraay(1), Ssc{});
        FAIL() << "dk without periods was accepted";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("--panel ID,TIME"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
