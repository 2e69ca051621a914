// The design of a replicate: gathered rows, fixed effects and the entity nested in the resampled
// clusters relabelled per copy (two copies of a region are two regions with their own states),
// the others renumbered over the levels present; pairs relabel nothing.
#include "estimators/resampling/resample_design.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::estimators::resampling {
namespace {

models::Grouping grouping(const std::string& name, std::vector<std::int32_t> codes) {
    models::Grouping g;
    g.name = name;
    g.levels = *std::max_element(codes.begin(), codes.end()) + 1;
    g.codes = std::move(codes);
    return g;
}

models::Design design() {
    // 6 observations: states 0,0,1,1,2,2 in regions 0,0,0,0,1,1; years 0,1,0,1,0,1.
    models::Design d;
    d.y = {1, 2, 3, 4, 5, 6};
    d.X = arma::mat(arma::vec{1, 2, 3, 4, 5, 6} * 10.0);
    d.names = {"x"};
    d.sample.rows = {0, 1, 2, 3, 4, 5};
    d.sample.fixed_effects = {grouping("state", {0, 0, 1, 1, 2, 2}), grouping("year", {0, 1, 0, 1, 0, 1})};
    d.sample.clusters = {grouping("region", {0, 0, 0, 0, 1, 1})};
    return d;
}

TEST(ResampleDesign, CopiesOfAClusterGetTheirOwnNestedLevels) {
    const models::Design full = design();
    // Region 1 drawn twice (copies 0 and 1), region 0 once (copy 2).
    Draw draw;
    draw.rows = {4, 5, 4, 5, 0, 1, 2, 3};
    draw.copy = {0, 0, 1, 1, 2, 2, 2, 2};
    const auto d = resample_design(full, draw, full.sample.clusters.front().codes);
    EXPECT_TRUE(arma::approx_equal(d.y, arma::vec{5, 6, 5, 6, 1, 2, 3, 4}, "absdiff", 0.0));
    EXPECT_EQ(d.sample.fixed_effects[0].codes, (std::vector<std::int32_t>{0, 0, 1, 1, 2, 2, 3, 3})) << "states per copy";
    EXPECT_EQ(d.sample.fixed_effects[0].levels, 4);
    EXPECT_EQ(d.sample.fixed_effects[1].codes, (std::vector<std::int32_t>{0, 1, 0, 1, 0, 1, 0, 1})) << "years shared";
    EXPECT_EQ(d.sample.clusters[0].levels, 3) << "three regions";
    EXPECT_EQ(d.sample.rows, (std::vector<std::size_t>{4, 5, 4, 5, 0, 1, 2, 3}));
}

TEST(ResampleDesign, PairsRelabelNothing) {
    const models::Design full = design();
    Draw draw;
    draw.rows = {0, 0, 5};
    draw.copy = {0, 1, 2};
    const auto d = resample_design(full, draw, {});
    EXPECT_EQ(d.sample.fixed_effects[0].codes, (std::vector<std::int32_t>{0, 0, 1}));
    EXPECT_EQ(d.sample.fixed_effects[0].levels, 2);
    EXPECT_TRUE(arma::approx_equal(d.X, arma::mat(arma::vec{10, 10, 60}), "absdiff", 0.0));
}

}  // namespace
}  // namespace gvcpanel::estimators::resampling
