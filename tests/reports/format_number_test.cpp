#include "reports/format_number.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace gvcpanel::reports {

TEST(FormatNumber, RoundsToTheAskedDecimals) {
    EXPECT_EQ(fixed(0.51214, 3), "0.512");
    EXPECT_EQ(fixed(0.5126, 3), "0.513");
    EXPECT_EQ(fixed(-1.25, 1), "-1.2");  // printf rounds half to even in binary: -1.25 is exact
    EXPECT_EQ(fixed(12.0, 0), "12");
}

TEST(FormatNumber, NeverPrintsMinusZero) {
    EXPECT_EQ(fixed(-0.0001, 3), "0.000");
    EXPECT_EQ(fixed(-0.0, 2), "0.00");
    EXPECT_EQ(fixed(-0.0006, 3), "-0.001");
}

TEST(FormatNumber, MissingIsEmptyAndInfinityIsNamed) {
    EXPECT_EQ(fixed(std::nan(""), 3), "");
    EXPECT_EQ(fixed(INFINITY, 3), "Inf");
    EXPECT_EQ(whole(std::nan("")), "");
}

TEST(FormatNumber, WholeNumbersHaveNoDecimals) {
    EXPECT_EQ(whole(1200.0), "1200");
    EXPECT_EQ(whole(119.6), "120");
}

TEST(FormatNumber, EnclosedPutsBracketsAround) {
    EXPECT_EQ(enclosed('(', "0.045", ')'), "(0.045)");
    EXPECT_EQ(enclosed('[', "", ']'), "[]");
}

}  // namespace gvcpanel::reports
