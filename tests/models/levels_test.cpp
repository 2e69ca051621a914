#include "models/levels.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace gvcpanel::models {
namespace {

using Codes = std::vector<std::int32_t>;
using Names = std::vector<std::string>;
constexpr std::int32_t kNa = data::kMissingCode;

TEST(Levels, IntegersSortNumerically) {
    const Levels l = sorted_levels(data::Column::integer("year", {10, 9, 100, data::kMissingInteger, 9}));
    EXPECT_EQ(l.names, (Names{"9", "10", "100"}));
    EXPECT_EQ(l.codes, (Codes{1, 0, 2, kNa, 0}));
}

TEST(Levels, WideIntegerRangesUseTheSortedPath) {
    const Levels l = sorted_levels(data::Column::integer("id", {4000000000000LL, -5, 4000000000000LL}));
    EXPECT_EQ(l.names, (Names{"-5", "4000000000000"}));
    EXPECT_EQ(l.codes, (Codes{1, 0, 1}));
}

TEST(Levels, NumbersPrintShortest) {
    const Levels l = sorted_levels(data::Column::numeric("v", {0.5, 1982, std::nan(""), -0.0, 0.0}));
    EXPECT_EQ(l.names, (Names{"0", "0.5", "1982"}));
    EXPECT_EQ(l.codes, (Codes{1, 2, kNa, 0, 0}));
}

TEST(Levels, TextSortsByteWise) {
    const Levels l = sorted_levels(data::Column::categorical("g", {0, 1, 2, kNa}, {"b", "B", "a"}));
    EXPECT_EQ(l.names, (Names{"B", "a", "b"}));
    EXPECT_EQ(l.codes, (Codes{2, 0, 1, kNa}));
}

TEST(Levels, CombinePresentPairsInOrder) {
    const Levels a = sorted_levels(data::Column::integer("a", {1, 2, 1, 2, data::kMissingInteger}));
    const Levels b = sorted_levels(data::Column::categorical("b", {0, 0, 1, 0, 1}, {"x", "y"}));
    const Levels ab = combine(a, b);
    EXPECT_EQ(ab.names, (Names{"1^x", "1^y", "2^x"}));
    EXPECT_EQ(ab.codes, (Codes{0, 2, 1, 2, kNa}));
}

TEST(Levels, GroupingRenumbersOverTheSample) {
    const Levels l = sorted_levels(data::Column::integer("firm", {7, 3, 5, 3}));
    const Grouping g = grouping_on(l, {0, 1, 3}, "firm");
    EXPECT_EQ(g.name, "firm");
    EXPECT_EQ(g.levels, 2);
    EXPECT_EQ(g.codes, (Codes{1, 0, 0}));
    EXPECT_EQ(g.level_names, (Names{"3", "7"}));
}

}  // namespace
}  // namespace gvcpanel::models
