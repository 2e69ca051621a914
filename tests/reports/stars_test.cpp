#include "reports/stars.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::reports {

TEST(Stars, DefaultLevelsAreTenFiveOnePercent) {
    const Stars stars;
    EXPECT_EQ(stars.symbol(0.2), "");
    EXPECT_EQ(stars.symbol(0.07), "*");
    EXPECT_EQ(stars.symbol(0.03), "**");
    EXPECT_EQ(stars.symbol(0.001), "***");
    EXPECT_EQ(stars.symbol(0.05), "*");  // strictly below the threshold, as esttab
    EXPECT_EQ(stars.symbol(std::nan("")), "");
    EXPECT_EQ(stars.legend(), "* p<0.10, ** p<0.05, *** p<0.01");
}

TEST(Stars, NoneGivesNoSymbolsAndNoLegend) {
    const Stars stars = parse_stars("none");
    EXPECT_EQ(stars.symbol(0.0), "");
    EXPECT_EQ(stars.legend(), "");
}

TEST(Stars, ThresholdsAloneGetOneStarMoreEach) {
    const Stars stars = parse_stars("0.05,0.01,0.001");
    EXPECT_EQ(stars.symbol(0.04), "*");
    EXPECT_EQ(stars.symbol(0.0005), "***");
    EXPECT_EQ(stars.legend(), "* p<0.05, ** p<0.01, *** p<0.001");
}

TEST(Stars, SymbolsCanBeChosen) {
    const Stars stars = parse_stars("+:0.1,*:0.05");
    EXPECT_EQ(stars.symbol(0.08), "+");
    EXPECT_EQ(stars.symbol(0.01), "*");
}

TEST(Stars, BadLevelsAreErrorsNamingTheField) {
    EXPECT_THROW(parse_stars("0.01,0.05"), Error);
    EXPECT_THROW(parse_stars("abc"), Error);
    EXPECT_THROW(parse_stars("1.5"), Error);
    try {
        parse_stars("0.01,0.05");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("levels[1].threshold"), std::string::npos) << e.what();
    }
}

}  // namespace gvcpanel::reports
