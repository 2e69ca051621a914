// HC covariances: the HC1 factor per model kind, and hc2/hc3 refused without leverages.
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "estimators/inference/covariance.hpp"

namespace gvcpanel::estimators::inference {
namespace {

Estimate small_estimate(ModelKind kind) {
    Estimate e;
    e.kind = kind;
    e.names = {"a", "b"};
    e.coef = {0.0, 0.0};
    e.bread = {{2.0, 0.5}, {0.5, 1.0}};
    e.scores = {{1, 2}, {-1, 0.5}, {0.3, -2}, {2, 1}, {-0.7, 0.1}};
    e.nobs = 5;
    e.df_fe = 1;
    return e;
}

TEST(Hc, Hc1FactorDependsOnTheModelKindAndK) {
    const Estimate linear = small_estimate(ModelKind::linear);
    const arma::mat hc0 = covariance(linear, VcovSpec::hc(0), Ssc{}).matrix;
    const arma::mat expected_hc0 = linear.bread * (linear.scores.t() * linear.scores) * linear.bread;
    EXPECT_LT(arma::abs(hc0 - expected_hc0).max(), 1e-14);
    // Linear: N/(N-K*), K* = K + K_fe = 3 by default, 2 with fixef=none.
    EXPECT_LT(arma::abs(covariance(linear, VcovSpec::hc(1), Ssc{}).matrix - hc0 * 5.0 / 2.0).max(), 1e-14);
    EXPECT_LT(arma::abs(covariance(linear, VcovSpec::hc(1), parse_ssc("plm")).matrix - hc0 * 5.0 / 3.0).max(), 1e-14);
    // Likelihood: n/(n-1), Stata's ML robust.
    const Estimate ml = small_estimate(ModelKind::likelihood);
    EXPECT_LT(arma::abs(covariance(ml, VcovSpec::hc(1), Ssc{}).matrix - hc0 * 5.0 / 4.0).max(), 1e-14);
}

TEST(Hc, Hc2Hc3ScaleScoresByLeverage) {
    Estimate e = small_estimate(ModelKind::linear);
    e.leverage = {0.5, 0.2, 0.1, 0.75, 0.45};
    const arma::vec u2 = 1.0 / (1.0 - e.leverage);
    const arma::mat hc2 = e.bread * (e.scores.t() * (e.scores.each_col() % u2)) * e.bread;
    EXPECT_LT(arma::abs(covariance(e, VcovSpec::hc(2), Ssc{}).matrix - hc2).max(), 1e-14);
    const arma::vec u3 = u2 % u2;
    const arma::mat hc3 = e.bread * (e.scores.t() * (e.scores.each_col() % u3)) * e.bread;
    EXPECT_LT(arma::abs(covariance(e, VcovSpec::hc(3), Ssc{}).matrix - hc3).max(), 1e-13);
}

TEST(Hc, WithoutLeveragesHc2AndHc3AreErrorsThatSayWhy) {
    const Estimate e = small_estimate(ModelKind::linear);
    try {
        covariance(e, VcovSpec::hc(2), Ssc{});
        FAIL() << "hc2 without leverages was accepted";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("absorbed fixed effects"), std::string::npos) << error.what();
    }
    Estimate one = small_estimate(ModelKind::linear);
    one.leverage = {1.0, 0.2, 0.1, 0.3, 0.4};
    EXPECT_THROW(covariance(one, VcovSpec::hc(3), Ssc{}), Error);
    Estimate no_scores = small_estimate(ModelKind::linear);
    no_scores.scores.reset();
    EXPECT_THROW(covariance(no_scores, VcovSpec::hc(0), Ssc{}), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
