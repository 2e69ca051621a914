// Fixed-effect groups without outcome variation, on hand-built designs with known drop counts.
#include "estimators/glm/fe_separation.hpp"

#include <gtest/gtest.h>

namespace gvcpanel {
namespace {

models::Grouping grouping(const std::string& name, std::vector<std::int32_t> codes) {
    models::Grouping g;
    g.name = name;
    g.codes = std::move(codes);
    for (auto c : g.codes) g.levels = std::max(g.levels, c + 1);
    return g;
}

models::Design two_way(std::vector<double> y, std::vector<std::int32_t> firm, std::vector<std::int32_t> year) {
    models::Design d;
    d.y = arma::vec(y);
    d.X = arma::mat(d.y.n_elem, 1, arma::fill::ones);
    d.names = {"x"};
    d.sample.fixed_effects = {grouping("firm", std::move(firm)), grouping("year", std::move(year))};
    for (std::size_t i = 0; i < d.y.n_elem; ++i) d.sample.rows.push_back(i);
    return d;
}

TEST(FeSeparation, PoissonDropsGroupsWithOnlyZeros) {
    // Firm 0 and year 3 have only zeros: rows 0, 1 and 5, 6.
    const auto d = two_way({0, 0, 3, 1, 2, 0, 0, 4}, {0, 0, 1, 1, 2, 2, 3, 3}, {0, 1, 0, 1, 0, 3, 3, 2});
    std::vector<std::uint8_t> keep(d.nobs(), 1);
    EXPECT_EQ(estimators::flag_fe_separation(d, false, keep), 4u);
    EXPECT_EQ(keep, (std::vector<std::uint8_t>{0, 0, 1, 1, 1, 0, 0, 1}));
}

TEST(FeSeparation, BinaryDropsRepeatUntilNoGroupIsConstant) {
    // Firm 0 is all ones; once it is gone year 0 and year 1 become constant, then firms 1 and 2:
    // six rows go in cascade; firm 3 (0 and 1 in year 3) stays.
    const auto d = two_way({1, 1, 0, 1, 0, 1, 0, 1}, {0, 0, 1, 1, 2, 2, 3, 3}, {0, 1, 0, 2, 2, 1, 3, 3});
    std::vector<std::uint8_t> keep(d.nobs(), 1);
    EXPECT_EQ(estimators::flag_fe_separation(d, true, keep), 6u);
    EXPECT_EQ(keep, (std::vector<std::uint8_t>{0, 0, 0, 0, 0, 0, 1, 1}));
}

TEST(FeSeparation, RestrictRowsRecodesGroupings) {
    const auto d = two_way({0, 0, 3, 1, 2, 0, 0, 4}, {0, 0, 1, 1, 2, 2, 3, 3}, {0, 1, 0, 1, 0, 3, 3, 2});
    const std::vector<std::uint8_t> keep{0, 0, 1, 1, 1, 0, 0, 1};
    const auto r = estimators::restrict_rows(d, keep);
    EXPECT_EQ(r.nobs(), 4u);
    EXPECT_EQ(r.sample.rows, (std::vector<std::size_t>{2, 3, 4, 7}));
    EXPECT_EQ(r.sample.fixed_effects[0].codes, (std::vector<std::int32_t>{0, 0, 1, 2}));
    EXPECT_EQ(r.sample.fixed_effects[0].levels, 3);
    EXPECT_EQ(r.sample.fixed_effects[1].codes, (std::vector<std::int32_t>{0, 1, 0, 2}));
    EXPECT_EQ(r.sample.fixed_effects[1].levels, 3);
}

}  // namespace
}  // namespace gvcpanel
