// Preparing a staggered design (estimators/did/staggered_data.cpp): R did's rules for which cohorts
// get effects and who is dropped, units sorted into cohort blocks, and the errors for inputs that
// have no answer.
#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "estimators/did/staggered_data.hpp"

namespace gvcpanel::estimators::did {
namespace {

// `cohorts[u]` for units 0.., observed in periods 2001..2001+periods-1, y = unit + period.
StaggeredInput panel(const std::vector<double>& cohorts, int periods) {
    StaggeredInput in;
    const std::size_t n = cohorts.size() * std::size_t(periods);
    in.y.set_size(n);
    in.X.ones(n, 1);
    for (std::size_t u = 0, i = 0; u < cohorts.size(); ++u)
        for (int t = 0; t < periods; ++t, ++i) {
            in.y[i] = double(u) + t;
            in.time.push_back(2001 + t);
            in.cohort.push_back(cohorts[u]);
            in.unit.push_back(std::int32_t(u));
        }
    in.unit_label = [](std::int32_t code) { return "u" + std::to_string(code); };
    return in;
}

std::vector<double> repeat(std::initializer_list<std::pair<double, int>> runs) {
    std::vector<double> out;
    for (const auto& [cohort, count] : runs) out.insert(out.end(), std::size_t(count), cohort);
    return out;
}

TEST(StaggeredData, CohortsSortIntoBlocksNeverTreatedFirst) {
    const auto data = prepare_staggered(panel(repeat({{2004, 6}, {0, 6}, {2003, 6}}), 5), ControlGroup::never, 0);
    ASSERT_EQ(data.blocks.size(), 3u);
    EXPECT_EQ(data.blocks[0].cohort, 0);
    EXPECT_EQ(data.blocks[1].cohort, 2003);
    EXPECT_EQ(data.blocks[2].cohort, 2004);
    EXPECT_EQ(data.blocks[2].begin, 12u);
    EXPECT_EQ(data.groups, (std::vector<double>{2003, 2004}));
    EXPECT_TRUE(data.balanced);
    EXPECT_EQ(data.n_units, 18u);
    // The never-treated units were units 6..11: their outcomes y = unit + period, in block 0.
    EXPECT_EQ(data.y(0, 0), 6.0);
    EXPECT_EQ(data.y(13, 2), 1.0 + 2);  // sorted unit 13 is the second of cohort 2004: unit 1
}

TEST(StaggeredData, MissingAndLateCohortsAreNeverTreated) {
    auto in = panel(repeat({{std::nan(""), 6}, {2099, 6}, {2003, 6}}), 4);
    const auto data = prepare_staggered(std::move(in), ControlGroup::never, 0);
    ASSERT_EQ(data.blocks.size(), 2u);
    EXPECT_EQ(data.blocks[0].size(), 12u);
}

TEST(StaggeredData, UnitsTreatedFromTheStartAreDropped) {
    const auto data = prepare_staggered(panel(repeat({{2001, 6}, {0, 6}, {2003, 6}}), 4), ControlGroup::never, 0);
    EXPECT_EQ(data.n_units, 12u);
    EXPECT_EQ(data.groups, (std::vector<double>{2003}));
    ASSERT_FALSE(data.notes.empty());
}

TEST(StaggeredData, WithoutNeverTreatedTheLastCohortIsOnlyAComparison) {
    EXPECT_THROW(prepare_staggered(panel(repeat({{2003, 6}, {2004, 6}}), 5), ControlGroup::never, 0), Error);
    const auto data = prepare_staggered(panel(repeat({{2003, 6}, {2005, 6}}), 5), ControlGroup::not_yet, 0);
    EXPECT_EQ(data.groups, (std::vector<double>{2003}));
    EXPECT_EQ(data.periods, (std::vector<double>{2001, 2002, 2003, 2004}));
    EXPECT_EQ(data.n_units, 12u);
}

TEST(StaggeredData, ACohortThatVariesWithinAUnitIsAnError) {
    auto in = panel(repeat({{2003, 6}, {0, 6}}), 4);
    in.cohort[1] = 2004;
    try {
        prepare_staggered(std::move(in), ControlGroup::never, 0);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("unit u0"), std::string::npos) << e.what();
    }
}

TEST(StaggeredData, TooFewNeverTreatedForTheCovariatesIsAnError) {
    auto in = panel(repeat({{2003, 10}, {0, 4}}), 4);
    in.X = arma::join_rows(in.X, arma::randn(in.X.n_rows, 1));
    EXPECT_THROW(prepare_staggered(std::move(in), ControlGroup::never, 0), Error);
}

TEST(StaggeredData, AnUnbalancedPanelKeepsEveryObservation) {
    auto in = panel(repeat({{2003, 6}, {0, 6}}), 4);
    in.y.shed_row(5);
    in.X.shed_row(5);
    in.time.erase(in.time.begin() + 5);
    in.cohort.erase(in.cohort.begin() + 5);
    in.unit.erase(in.unit.begin() + 5);
    const auto data = prepare_staggered(std::move(in), ControlGroup::never, 0);
    EXPECT_FALSE(data.balanced);
    EXPECT_EQ(data.n_observations, 47u);
    EXPECT_EQ(data.n_units, 12u);
    // Block 1 (cohort 2003), period 2002: unit 1 lacks it.
    const auto [begin, end] = data.range(1, 1);
    EXPECT_EQ(end - begin, 5u);
}

TEST(StaggeredData, PanelWeightsMustBeFixedWithinAUnit) {
    auto in = panel(repeat({{2003, 6}, {0, 6}}), 4);
    in.weights.ones(in.y.n_elem);
    in.weights[2] = 2;
    EXPECT_THROW(prepare_staggered(std::move(in), ControlGroup::never, 0), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators::did
