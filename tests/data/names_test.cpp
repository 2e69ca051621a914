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

TEST(ClosestNames, RelatedNamesFirstThenNearOnesAndNoNoise) {
    const std::vector<std::string> names = {"export_share", "fdi_share", "year", "firm", "exports"};
    EXPECT_EQ(closest_names("export", names),
              (std::vector<std::string>{"exports", "export_share"}));
    EXPECT_EQ(closest_names("yaer", names), (std::vector<std::string>{"year"}));
    EXPECT_EQ(closest_names("a", {"b", "c", "d", "e"}).size(), 3u);
}

TEST(DidYouMean, ListsNamesInPlainEnglish) {
    EXPECT_EQ(did_you_mean("yaer", {"year"}), "; did you mean 'year'?");
    EXPECT_EQ(did_you_mean("x", {"x1", "x2"}), "; did you mean 'x1' or 'x2'?");
    EXPECT_EQ(did_you_mean("x", {}), "");
}

}  // namespace gvcpanel::data
