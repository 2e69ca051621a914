#include "data/time_periods.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gvcpanel::data {
namespace {

// Days since 1970-01-01 from Python's datetime.date (proleptic Gregorian), as a reference:
// (date(y, m, d) - date(1970, 1, 1)).days.
TEST(TimePeriods, DailyDatesCountDaysSince1970) {
    const std::pair<const char*, std::int64_t> cases[] = {{"1970-01-01", 0},       {"2000-03-01", 11017},
                                                          {"2004-03-31", 12508},   {"1900-02-28", -25509},
                                                          {"2400-02-29", 157113},  {"1600-03-01", -135080}};
    for (const auto& [text, days] : cases) {
        const auto period = parse_period(text);
        ASSERT_TRUE(period) << text;
        EXPECT_EQ(period->format, DateFormat::daily);
        EXPECT_EQ(period->number, days) << text;
        EXPECT_EQ(period_text(DateFormat::daily, days), text);
    }
}

TEST(TimePeriods, MonthsAndQuartersAreConsecutive) {
    EXPECT_EQ(parse_period("2004-03")->number + 1, parse_period("2004-04")->number);
    EXPECT_EQ(parse_period("2004-12")->number + 1, parse_period("2005-01")->number);
    EXPECT_EQ(parse_period("2004-3")->number, parse_period("2004-03")->number);
    EXPECT_EQ(parse_period("2004m12")->number + 1, parse_period("2005m1")->number);
    EXPECT_EQ(parse_period("2004m3")->format, DateFormat::stata_monthly);
    EXPECT_EQ(parse_period("2004Q4")->number + 1, parse_period("2005q1")->number);
    EXPECT_EQ(parse_period("2004q1")->format, DateFormat::quarterly);
}

TEST(TimePeriods, EveryPeriodIsWrittenBackAsItParses) {
    for (const DateFormat format : {DateFormat::daily, DateFormat::monthly, DateFormat::stata_monthly, DateFormat::quarterly})
        for (std::int64_t number = -30000; number <= 30000; number += 7) {
            if (format != DateFormat::daily && (number < 4 * 1000 || number > 12 * 9999)) continue;
            const std::string text = period_text(format, number);
            const auto back = parse_period(text);
            ASSERT_TRUE(back) << text;
            EXPECT_EQ(back->format, format) << text;
            EXPECT_EQ(back->number, number) << text;
        }
}

TEST(TimePeriods, OtherTextsAreNotDates) {
    for (const char* text : {"Y2004", "2004", "04-03-31", "2004-13", "2004-00", "2004-02-30", "2003-02-29",
                             "2004-03-31x", "2004Q5", "2004Q0", "2004m13", "2004m", "2004-", "2004/03", "20040",
                             "2004-03-031", "", "Q1", "2004q12"})
        EXPECT_FALSE(parse_period(text)) << text;
    EXPECT_TRUE(parse_period("2004-02-29"));  // a leap year
}

}  // namespace
}  // namespace gvcpanel::data
