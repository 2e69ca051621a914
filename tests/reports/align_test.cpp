#include "reports/align.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::reports {

TEST(Align, NumbersLineUpOnTheDecimalPoint) {
    const std::vector<Cell> cells = {{"0.512", "***", true}, {"(0.045)", "", true}, {"1200", "", true}, {"-12.300", "", true}};
    const std::vector<std::string> printed = {"0.512***", "(0.045)", "1200", "-12.300"};
    const auto out = align_column(cells, printed, 0);
    ASSERT_EQ(out.size(), 4u);
    for (const auto& text : out) EXPECT_EQ(display_width(text), display_width(out[0])) << text;
    const auto point = out[0].find('.');
    EXPECT_EQ(out[1].find('.'), point);
    EXPECT_EQ(out[3].find('.'), point);
    EXPECT_EQ(out[2].find("1200") + 4, point);  // a count sits where its decimal point would be
}

TEST(Align, WordsAreCentredAndWidthsCountCharacters) {
    const std::vector<Cell> cells = {{"Yes", "", false}, {"Größe", "", false}};
    const auto out = align_column(cells, {"Yes", "Größe"}, 7);
    EXPECT_EQ(out[0], "  Yes  ");
    EXPECT_EQ(display_width(out[1]), 7u);
    EXPECT_EQ(display_width("Größe"), 5u);
}

TEST(Align, RowsAreAlignedColumnByColumn) {
    const Row a{RowKind::estimate, "a", {{"1.5", "", true}, {"No", "", false}}};
    const Row b{RowKind::estimate, "b", {{"10.25", "", true}, {"Yes", "", false}}};
    const auto out = align_rows({&a, &b}, 2, [](const Cell& c) { return c.text; }, {});
    EXPECT_EQ(out[0][0], " 1.5 ");
    EXPECT_EQ(out[1][0], "10.25");
    EXPECT_EQ(out[0][1], "No ");
}

}  // namespace gvcpanel::reports
