#include "estimators/fixed_effects/fe_dof.hpp"

#include <gtest/gtest.h>

#include <armadillo>

#include "data/error.hpp"

namespace gvcpanel::estimators {
namespace {

models::Grouping grouping(std::string name, std::vector<std::int32_t> codes, std::int32_t levels) {
    models::Grouping g;
    g.name = std::move(name);
    g.codes = std::move(codes);
    g.levels = levels;
    return g;
}

// The rank of the matrix of all dummies: what K_fe counts, computed the slow way.
std::size_t dummy_rank(const std::vector<models::Grouping>& effects) {
    std::size_t total = 0;
    for (const auto& g : effects) total += g.levels;
    const std::size_t n = effects[0].codes.size();
    arma::mat D(n, total, arma::fill::zeros);
    std::size_t offset = 0;
    for (const auto& g : effects) {
        for (std::size_t i = 0; i < n; ++i) D(i, offset + g.codes[i]) = 1.0;
        offset += g.levels;
    }
    return arma::rank(D);
}

// firm x year panel; `year_of(firm, t)` gives the year code of the firm's t-th observation.
template <class YearOf>
std::vector<models::Grouping> panel(int firms, int per_firm, int years, YearOf year_of) {
    std::vector<std::int32_t> firm, year;
    for (int f = 0; f < firms; ++f)
        for (int t = 0; t < per_firm; ++t) {
            firm.push_back(f);
            year.push_back(year_of(f, t));
        }
    return {grouping("firm", firm, firms), grouping("year", year, years)};
}

TEST(FixedEffectsDof, OneDimensionCountsObservedLevels) {
    // Level 3 of 5 never occurs.
    const auto dof = fixed_effects_dof({grouping("firm", {0, 0, 1, 2, 2, 4}, 5)});
    ASSERT_EQ(dof.dimensions.size(), 1u);
    EXPECT_EQ(dof.dimensions[0].levels, 4u);
    EXPECT_EQ(dof.dimensions[0].redundant, 0u);
    EXPECT_EQ(dof.absorbed, 4u);
    EXPECT_TRUE(dof.exact);
}

TEST(FixedEffectsDof, TwoWayConnectedPanelLosesOneLevel) {
    const auto effects = panel(3, 4, 4, [](int, int t) { return t; });
    const auto dof = fixed_effects_dof(effects);
    EXPECT_EQ(dof.dimensions[0].redundant, 0u);
    EXPECT_EQ(dof.dimensions[1].redundant, 1u);
    EXPECT_EQ(dof.absorbed, 3u + 4u - 1u);
    EXPECT_EQ(dof.absorbed, dummy_rank(effects));
}

TEST(FixedEffectsDof, DisconnectedTwoWayGraphLosesOneLevelPerComponent) {
    // Firms 0-2 are seen only in years 0-1, firms 3-5 only in years 2-3, firm 6 alone in year 4.
    const auto effects = panel(7, 2, 5, [](int f, int t) { return f < 3 ? t : f < 6 ? 2 + t : 4; });
    const auto components = connected_components(effects[0], effects[1]);
    EXPECT_EQ(components.count, 3u);
    EXPECT_EQ(components.of_a, (std::vector<std::int32_t>{0, 0, 0, 1, 1, 1, 2}));
    EXPECT_EQ(components.of_b, (std::vector<std::int32_t>{0, 0, 1, 1, 2}));
    const auto dof = fixed_effects_dof(effects);
    EXPECT_EQ(dof.dimensions[1].redundant, 3u);
    EXPECT_EQ(dof.absorbed, 7u + 5u - 3u);
    EXPECT_EQ(dof.absorbed, dummy_rank(effects));
    EXPECT_TRUE(dof.exact);
}

TEST(FixedEffectsDof, UnobservedLevelIsNoComponent) {
    const auto components = connected_components(grouping("a", {0, 2}, 3), grouping("b", {0, 0}, 2));
    EXPECT_EQ(components.count, 1u);
    EXPECT_EQ(components.of_a, (std::vector<std::int32_t>{0, -1, 0}));
    EXPECT_EQ(components.of_b, (std::vector<std::int32_t>{0, -1}));
}

TEST(FixedEffectsDof, ThreeDimensionsFollowThePairwiseRule) {
    // 4 firms x 3 years, industry = firm / 2 (nested in firm): the industry dummies are fully
    // redundant; pairwise: components(firm, industry) = 2, components(year, industry) = 1, max 2.
    auto effects = panel(4, 3, 3, [](int, int t) { return t; });
    std::vector<std::int32_t> industry;
    for (std::int32_t f : effects[0].codes) industry.push_back(f / 2);
    effects.push_back(grouping("industry", industry, 2));
    const auto dof = fixed_effects_dof(effects);
    EXPECT_FALSE(dof.exact);
    EXPECT_EQ(dof.dimensions[2].name, "industry");
    EXPECT_EQ(dof.dimensions[2].redundant, 2u);
    EXPECT_EQ(dof.absorbed, 4u + 2u + 0u);
    EXPECT_EQ(dof.absorbed, dummy_rank(effects));
}

TEST(FixedEffectsDof, LatinSquareLosesOneLevelPerLaterDimension) {
    // Rows, columns and letters of a 3 x 3 Latin square: every pair's graph is connected, so each
    // later dimension loses one level; the dummies have rank 7, as counted.
    std::vector<std::int32_t> a, b, c;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            a.push_back(i);
            b.push_back(j);
            c.push_back((i + j) % 3);
        }
    const std::vector<models::Grouping> effects = {grouping("a", a, 3), grouping("b", b, 3),
                                                   grouping("c", c, 3)};
    const auto dof = fixed_effects_dof(effects);
    EXPECT_EQ(dof.absorbed, 3u + 2u + 2u);
    EXPECT_EQ(dof.absorbed, dummy_rank(effects));
}

// Slopes on t = the year code + 2001 for dimension q, with or without the level's intercept.
void add_trend(std::vector<models::Grouping>& effects, std::size_t q, bool intercept) {
    models::Grouping& g = effects[q];
    g.slopes.variables = {"t"};
    g.slopes.with_intercept = intercept;
    g.slopes.values.set_size(g.codes.size(), 1);
    for (std::size_t i = 0; i < g.codes.size(); ++i) g.slopes.values(i, 0) = 2001.0 + effects[1].codes[i];
}

TEST(FixedEffectsDof, SlopesCountOncePerLevel) {
    auto effects = panel(5, 4, 4, [](int, int t) { return t; });
    add_trend(effects, 0, true);
    const FixedEffectDof alone = fixed_effects_dof({effects[0]});
    EXPECT_EQ(alone.absorbed, 10u);  // 5 intercepts and 5 trends
    EXPECT_TRUE(alone.exact);
    EXPECT_EQ(alone.dimensions[0].slopes, 5u);
    // firm[t] + year: 5 + 5 + 4 - 1 component; the firm trends' sum, t, lies in the span of the year
    // effects, which fixest does not look for either.
    const FixedEffectDof both = fixed_effects_dof(effects);
    EXPECT_EQ(both.absorbed, 13u);
    EXPECT_FALSE(both.exact);
}

TEST(FixedEffectsDof, SlopesOnlyDimensionHasNoIntercept) {
    auto effects = panel(5, 4, 4, [](int, int t) { return t; });
    add_trend(effects, 0, false);
    const FixedEffectDof dof = fixed_effects_dof(effects);
    EXPECT_FALSE(dof.dimensions[0].intercept);
    EXPECT_EQ(dof.dimensions[1].redundant, 0u);  // no intercept in firm[[t]] to share with year
    EXPECT_EQ(dof.absorbed, 9u);
}

TEST(FixedEffectsDof, SlopesSingularInALevelAreNotCounted) {
    // Firm 0 is seen in one year only (its trend is not identified), firm 1 twice.
    auto effects = panel(3, 3, 3, [](int f, int t) { return f == 0 ? 1 : f == 1 ? std::min(t, 1) : t; });
    add_trend(effects, 0, true);
    EXPECT_EQ(fixed_effects_dof({effects[0]}).dimensions[0].slopes, 2u);
    EXPECT_EQ(fixed_effects_dof({effects[0]}).absorbed, 5u);
}

TEST(FixedEffectsDof, RejectsCodesOutsideTheLevels) {
    EXPECT_THROW(fixed_effects_dof({grouping("firm", {0, 3}, 3)}), Error);
    EXPECT_THROW(fixed_effects_dof({grouping("firm", {0, 1}, 2), grouping("year", {0}, 1)}), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
