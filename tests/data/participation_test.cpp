#include "data/participation.hpp"

#include <gtest/gtest.h>

#include "data/read.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

Frame read_reference(const std::string& name) {
    return read_table(gvcpanel::testing::reference_data("" + name));
}

// Rscript tests/fixtures/describe/participation.R (R 4.2.2): table of patterns and
// quantile(T_i, c(.05, .25, .5, .75, .95), type = 2).
TEST(Participation, EmplukPatternsAndPercentilesMatchR) {
    const auto frame = read_reference("empluk.csv");
    const auto p = participation(PanelIndex(frame, "firm", "year"));
    const std::vector<std::pair<std::string, std::size_t>> expected = {
        {"1111111..", 62}, {".1111111.", 39}, {".11111111", 19},
        {"111111111", 14}, {"11111111.", 4},  {"..1111111", 2}};
    ASSERT_EQ(p.patterns.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(p.patterns[i].pattern, expected[i].first);
        EXPECT_EQ(p.patterns[i].entities, expected[i].second);
    }
    EXPECT_EQ(p.other_entities, 0u);
    EXPECT_EQ(p.periods_percentiles, (std::vector<double>{7, 7, 7, 8, 9}));
}

TEST(Participation, PatternsBeyondTheListedOnesAreCountedTogether) {
    const auto frame = read_reference("empluk.csv");
    const auto p = participation(PanelIndex(frame, "firm", "year"), {.max_patterns = 2});
    ASSERT_EQ(p.patterns.size(), 2u);
    EXPECT_EQ(p.other_entities, 140u - 62u - 39u);
    EXPECT_TRUE(
        participation(PanelIndex(frame, "firm", "year"), {.max_periods = 8}).patterns.empty());
}

TEST(Participation, WithoutTimeOnlyTheDistributionOfRowsPerEntity) {
    const auto frame = read_reference("hedonic.csv");
    const auto p = participation(PanelIndex(frame, "townid"));
    EXPECT_TRUE(p.patterns.empty());
    EXPECT_EQ(p.periods_percentiles, (std::vector<double>{1, 2, 4, 7, 18}));
}

// quantile(c(1, 2, 3, 4), c(.05, .25, .5, .75, .95), type = 2): 1 1.5 2.5 3.5 4, the averaging
// at n p integer that distinguishes Stata's definition.
TEST(Participation, PercentilesAverageAtWholePositionsAsStata) {
    Frame f;
    f.add(Column::integer("id", {1, 2, 2, 3, 3, 3, 4, 4, 4, 4}));
    const auto p = participation(PanelIndex(f, "id"));
    EXPECT_EQ(p.periods_percentiles, (std::vector<double>{1, 1.5, 2.5, 3.5, 4}));
}

}  // namespace
}  // namespace gvcpanel::data
