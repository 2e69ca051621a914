#include "data/names.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::data {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(edit_distance("", ""), 0u);
    EXPECT_EQ(edit_distance("firm", "firm"), 0u);
    EXPECT_EQ(edit_distance("firm", "frim"), 2u);
    EXPECT_EQ(edit_distance("export", "exports"), 1u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(ClosestNames, NearestFirstAndAtMostThree) {
    const std::vector<std::string> names = {"export_share", "fdi_share", "year", "firm", "exports"};
    const auto close = closest_names("export", names);
    ASSERT_EQ(close.size(), 3u);
    EXPECT_EQ(close[0], "exports");
    EXPECT_EQ(close[1], "export_share");
}

TEST(DidYouMean, ListsNamesInPlainEnglish) {
    EXPECT_EQ(did_you_mean("yaer", {"year"}), "; did you mean 'year'?");
    EXPECT_EQ(did_you_mean("x", {"x1", "x2"}), "; did you mean 'x1' or 'x2'?");
    EXPECT_EQ(did_you_mean("x", {}), "");
}

}  // namespace gvcpanel::data
