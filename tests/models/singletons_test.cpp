#include "models/singletons.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::models {
namespace {

using Flags = std::vector<std::uint8_t>;

TEST(Singletons, OneDimension) {
    const std::vector<std::int32_t> firm = {0, 0, 1, 2, 2};
    Flags keep(5, 1);
    EXPECT_EQ(drop_singletons(keep, {firm}), 1u);
    EXPECT_EQ(keep, (Flags{1, 1, 0, 1, 1}));
}

TEST(Singletons, RowsAlreadyOutDoNotCount) {
    const std::vector<std::int32_t> firm = {0, 0, 1, 1};
    Flags keep = {1, 0, 1, 1};
    EXPECT_EQ(drop_singletons(keep, {firm}), 1u);
    EXPECT_EQ(keep, (Flags{0, 0, 1, 1}));
}

TEST(Singletons, RemovalRepeatsAcrossDimensions) {
    // Years 0 and 3 hold one row each; once row 0 goes, firm 0 holds only row 1, then year 1 only
    // row 2, then firm 1 only row 3. Rows 4 and 5 (firm 2, year 2) remain.
    const std::vector<std::int32_t> firm = {0, 0, 1, 1, 2, 2, 2};
    const std::vector<std::int32_t> year = {0, 1, 1, 2, 2, 2, 3};
    Flags keep(7, 1);
    EXPECT_EQ(drop_singletons(keep, {firm, year}), 5u);
    EXPECT_EQ(keep, (Flags{0, 0, 0, 0, 1, 1, 0}));
}

TEST(Singletons, NoFixedEffectsNoChange) {
    Flags keep(3, 1);
    EXPECT_EQ(drop_singletons(keep, {}), 0u);
    EXPECT_EQ(keep, (Flags{1, 1, 1}));
}

}  // namespace
}  // namespace gvcpanel::models
