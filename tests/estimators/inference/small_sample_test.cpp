// K* and the nesting check (conventions.md): which fixed effects count in N/(N-K*) and
// (N-1)/(N-K*). The Grunfeld values behind these rules are checked in
// tests/reference/grunfeld_panel_vcov_test.cpp; here the rules themselves on small layouts.
#include <gtest/gtest.h>

#include <cmath>

#include "estimators/inference/small_sample.hpp"

namespace gvcpanel::estimators::inference {
namespace {

models::Grouping grouping(const std::string& name, std::vector<std::int32_t> codes) {
    models::Grouping g;
    g.name = name;
    g.levels = *std::max_element(codes.begin(), codes.end()) + 1;
    g.codes = std::move(codes);
    return g;
}

// 12 observations: 4 firms x 3 years; firms 0,1 in region 0 and 2,3 in region 1.
const models::Grouping kFirm = grouping("firm", {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3});
const models::Grouping kYear = grouping("year", {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2});
const models::Grouping kRegion = grouping("region", {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1});

Estimate two_way_estimate() {
    Estimate e;
    e.coef = arma::vec(2, arma::fill::zeros);  // K = 2 slopes
    e.nobs = 12;
    e.df_fe = 4 + 3 - 1;                       // firm and year effects, one redundant
    e.sample.fixed_effects = {kFirm, kYear};
    return e;
}

TEST(SmallSample, NestedMeansEveryLevelInsideOneCluster) {
    EXPECT_TRUE(nested_in(kFirm, kRegion));
    EXPECT_TRUE(nested_in(kFirm, kFirm));
    EXPECT_FALSE(nested_in(kRegion, kFirm));
    EXPECT_FALSE(nested_in(kYear, kRegion));
}

TEST(SmallSample, KStarPerFixefSetting) {
    const Estimate e = two_way_estimate();
    Ssc ssc;
    ssc.fixef = FixefCount::none;
    EXPECT_EQ(k_star(e, ssc, {&kFirm}), 2u);
    ssc.fixef = FixefCount::full;
    EXPECT_EQ(k_star(e, ssc, {&kFirm}), 2u + 6u);
    ssc.fixef = FixefCount::nested;
    EXPECT_EQ(k_star(e, ssc, {}), 2u + 6u) << "without clusters nested counts as full";
    EXPECT_EQ(k_star(e, ssc, {&kFirm}), 2u + 3u) << "firm nested: the slopes plus the 3 years";
    EXPECT_EQ(k_star(e, ssc, {&kRegion}), 2u + 3u) << "firm nested in region";
    EXPECT_EQ(k_star(e, ssc, {&kYear, &kFirm}), 2u + 1u) << "both nested: the absorbed intercept only";
    const models::Grouping odd = grouping("odd", {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1});
    EXPECT_EQ(k_star(e, ssc, {&odd}), 2u + 6u) << "nothing nested: full";
}

TEST(SmallSample, NestedVaryingSlopesStillCount) {
    // fixest 0.12 (vcov.fixest): a nested dimension drops its intercepts, never its slopes.
    Estimate e = two_way_estimate();
    models::Grouping trend = kFirm;
    trend.slopes.variables = {"t"};
    trend.slopes.values = arma::vec(12, arma::fill::ones);
    Ssc ssc;
    e.sample.fixed_effects = {trend};
    e.df_fe = 8;
    EXPECT_EQ(k_star(e, ssc, {&kFirm}), 2u + 1u + 4u) << "firm[t] clustered by firm";
    trend.slopes.with_intercept = false;
    e.sample.fixed_effects = {trend, kYear};
    e.df_fe = 4 + 3;
    EXPECT_EQ(k_star(e, ssc, {&kFirm}), 2u + 1u + 4u + 2u) << "firm[[t]] + year clustered by firm";
}

TEST(SmallSample, FactorDefaultsFollowTheModelKind) {
    Estimate e = two_way_estimate();
    const Ssc defaults;
    EXPECT_TRUE(use_adj(e, defaults));
    EXPECT_TRUE(use_cluster_adj(e, defaults));
    EXPECT_EQ(residual_df(e, Ssc{}), 12.0 - 2.0 - 6.0);
    e.kind = ModelKind::likelihood;
    EXPECT_FALSE(use_adj(e, defaults));
    EXPECT_TRUE(use_cluster_adj(e, defaults));
    EXPECT_TRUE(std::isnan(residual_df(e, Ssc{})));
    Ssc explicit_adj;
    explicit_adj.adj = true;
    EXPECT_TRUE(use_adj(e, explicit_adj));
    e.kind = ModelKind::gmm;
    EXPECT_FALSE(use_cluster_adj(e, defaults));
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
