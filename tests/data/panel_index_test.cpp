#include "data/panel_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <utility>

#include "data/error.hpp"

namespace gvcpanel::data {
namespace {

constexpr auto npos = PanelIndex::npos;

// Firm "b": 2001, 2002, 2004 (a gap in 2003); firm "a": 2002, 2001; rows deliberately unsorted.
Frame firms_with_a_gap() {
    Frame f;
    f.add(Column::categorical("firm", {0, 0, 1, 0, 1}, {"b", "a"}));
    f.add(Column::integer("year", {2004, 2001, 2002, 2002, 2001}));
    return f;
}

TEST(PanelIndex, CodesEntitiesInSortedOrderAndIntegerTimesAsOffsets) {
    const PanelIndex p(firms_with_a_gap(), "firm", "year");
    EXPECT_EQ(p.n_entities(), 2u);
    EXPECT_EQ(p.entity_label(0), "a");
    EXPECT_EQ(p.entity_label(1), "b");
    EXPECT_EQ(p.entity(), (std::vector<std::int32_t>{1, 1, 0, 1, 0}));
    EXPECT_EQ(p.n_periods(), 4u);  // 2001..2004, 2003 included although nobody has it
    EXPECT_EQ(p.period(), (std::vector<std::int32_t>{3, 0, 1, 1, 0}));
    EXPECT_EQ(p.period_label(2), "2003");
    EXPECT_EQ(p.order(), (std::vector<std::size_t>{4, 2, 1, 3, 0}));
    EXPECT_EQ(p.n_observations(), 5u);
}

TEST(PanelIndex, CountsGapsBalanceAndPeriodsPerEntity) {
    const PanelIndex p(firms_with_a_gap(), "firm", "year");
    EXPECT_FALSE(p.balanced());
    EXPECT_EQ(p.n_gaps(), 1u);
    const auto t = p.periods_per_entity();
    EXPECT_EQ(t.min, 2u);
    EXPECT_EQ(t.max, 3u);
    EXPECT_DOUBLE_EQ(t.mean, 2.5);
}

TEST(PanelIndex, ShiftedRowRespectsGapsAndEdges) {
    const PanelIndex p(firms_with_a_gap(), "firm", "year");
    EXPECT_EQ(p.shifted_row(3, 1), 1u);     // b 2002 -> b 2001
    EXPECT_EQ(p.shifted_row(0, 1), npos);   // b 2004 -> 2003 is a gap
    EXPECT_EQ(p.shifted_row(0, 2), 3u);     // b 2004 -> b 2002
    EXPECT_EQ(p.shifted_row(3, -2), 0u);    // lead 2: b 2002 -> b 2004
    EXPECT_EQ(p.shifted_row(3, -1), npos);  // lead across the gap
    EXPECT_EQ(p.shifted_row(1, 1), npos);   // the first period has no lag
    EXPECT_EQ(p.shifted_row(2, -1), npos);  // a 2002 is a's last period
    EXPECT_EQ(p.shifted_row(4, -1), 2u);    // a 2001 -> a 2002, never another firm's row
    EXPECT_EQ(p.shifted_row(4, 0), 4u);
    EXPECT_EQ(p.shifted_row(4, 100), npos);
}

TEST(PanelIndex, BalancedPanel) {
    Frame f;
    f.add(Column::numeric("id", {2, 2, 1, 1}));
    f.add(Column::numeric("t", {1, 2, 2, 1}));
    const PanelIndex p(f, "id", "t");
    EXPECT_TRUE(p.balanced());
    EXPECT_EQ(p.n_gaps(), 0u);
    EXPECT_EQ(p.entity_label(0), "1");
}

TEST(PanelIndex, DuplicatePairIsAnErrorNamingThePairAndItsLines) {
    Frame f;
    f.source = "firms.csv";
    f.add(Column::integer("firm", {16, 17, 17, 17, 17}));
    f.add(Column::integer("year", {2003, 2002, 2003, 2003, 2003}));
    try {
        PanelIndex(f, "firm", "year");
        FAIL() << "a duplicate pair was accepted";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("duplicate (firm, year) pair (17, 2003) on lines 4 and 5"),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find("firms.csv"), std::string::npos) << message;
        EXPECT_NE(message.find("2 duplicate rows"), std::string::npos) << message;
    }
}

TEST(PanelIndex, EntityAloneAllowsRepeatedEntities) {
    Frame f;
    f.add(Column::categorical("town", {1, 0, 1, 1}, {"x", "w"}));
    const PanelIndex p(f, "town");
    EXPECT_FALSE(p.has_time());
    EXPECT_EQ(p.n_entities(), 2u);
    EXPECT_EQ(p.n_periods(), 0u);
    EXPECT_EQ(p.order(), (std::vector<std::size_t>{0, 2, 3, 1}));
    EXPECT_EQ(p.shifted_row(0, 1), npos);
    EXPECT_FALSE(p.balanced());
    EXPECT_EQ(p.n_gaps(), 0u);
    EXPECT_EQ(p.periods_per_entity().max, 3u);
}

// Issue 17 item 2: a time coded as text ("Y2004") was ranked, so its gaps vanished and d() and
// first differences reached across them. Time is a whole number or a date; anything else is an
// error naming the value and its line.
TEST(PanelIndex, TimeThatIsNeitherAWholeNumberNorADateIsAnError) {
    Frame f;
    f.source = "firms.csv";
    f.add(Column::integer("id", {1, 1, 1}));
    f.add(Column::numeric("t", {10.25, 1.5, 2.5}));
    f.add(Column::categorical("year", {2, 0, 1}, {"Y2001", "Y2002", "Y2004"}));
    f.add(Column::categorical("mixed", {0, 1, 2}, {"2001Q1", "2001Q2", "2001-07"}));
    const auto error = [&](const char* time) {
        try {
            PanelIndex(f, "id", time);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(error("t"), "time column 't': 10.25 (line 2 of firms.csv) is not a whole number; a panel's time is a "
                          "whole number (a year, a period count) or a date written 2004-03-31, 2004-03, 2004Q1 or 2004m3");
    EXPECT_EQ(error("year"), "time column 'year': \"Y2004\" (line 2 of firms.csv) is neither a whole number nor a "
                             "date; a panel's time is a whole number (a year, a period count) or a date written "
                             "2004-03-31, 2004-03, 2004Q1 or 2004m3");
    EXPECT_EQ(error("mixed"), "time column 'mixed': \"2001-07\" (line 4 of firms.csv) is written monthly (2004-03), "
                              "other dates quarterly (2004Q1); write every date one way");
}

// Dates are ordered periods with their gaps: a missing quarter is a gap that l() does not cross;
// labels are the dates as written, a gap's in the same format.
TEST(PanelIndex, DatesAreOrderedPeriodsWithGaps) {
    Frame f;
    f.add(Column::integer("id", {1, 1, 1, 2, 2}));
    f.add(Column::categorical("quarter", {0, 1, 2, 3, 0}, {"2003q4", "2004q1", "2004q3", "2003Q3"}));
    const PanelIndex p(f, "id", "quarter");
    EXPECT_EQ(p.period(), (std::vector<std::int32_t>{1, 2, 4, 0, 1}));
    EXPECT_EQ(p.n_periods(), 5u);
    EXPECT_EQ(p.period_label(0), "2003Q3");
    EXPECT_EQ(p.period_label(1), "2003q4");
    EXPECT_EQ(p.period_label(3), "2004Q2");  // a gap, in the canonical form
    EXPECT_EQ(p.n_gaps(), 1u);               // firm 1: 2003q4, 2004q1, -, 2004q3
    EXPECT_EQ(p.shifted_row(1, 1), 0u);      // 2004q1 follows 2003q4
    EXPECT_EQ(p.shifted_row(2, 1), PanelIndex::npos);  // 2004q3: 2004q2 is missing

    Frame daily;
    daily.add(Column::integer("id", {1, 1, 1}));
    daily.add(Column::categorical("day", {0, 1, 2}, {"2004-02-28", "2004-02-29", "2004-03-02"}));
    const PanelIndex d(daily, "id", "day");
    EXPECT_EQ(d.period(), (std::vector<std::int32_t>{0, 1, 3}));
    EXPECT_EQ(d.period_label(2), "2004-03-01");
    Frame monthly;
    monthly.add(Column::integer("id", {1, 1}));
    monthly.add(Column::categorical("month", {0, 1}, {"2004m11", "2005m2"}));
    const PanelIndex m(monthly, "id", "month");
    EXPECT_EQ(m.period(), (std::vector<std::int32_t>{0, 3}));
    EXPECT_EQ(m.period_label(1), "2004m12");
}

// Issue 17 item 3: an id beyond 2^53 read as a number may have merged with its neighbours.
TEST(PanelIndex, NumericIdsBeyondTwoToThe53AreRefused) {
    Frame f;
    f.add(Column::numeric("firm", {91330100123456789012.0, 91330100123456789013.0}));
    f.add(Column::integer("year", {2001, 2001}));
    try {
        PanelIndex(f, "firm", "year");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("beyond 2^53, where numbers lose digits and distinct ids merge; read it "
                                             "as text (--text firm)"),
                  std::string::npos)
            << e.what();
    }
}

TEST(PanelIndex, RowsWithMissingEntityOrTimeAreLeftOut) {
    Frame f;
    f.add(Column::numeric("id", {1, std::nan(""), 2, 3}));
    f.add(Column::integer("t", {5, 5, kMissingInteger, 6}));
    const PanelIndex p(f, "id", "t");
    EXPECT_EQ(p.n_entities(), 2u);  // entity 2 has no row with a time
    EXPECT_EQ(p.entity(), (std::vector<std::int32_t>{0, kMissingCode, kMissingCode, 1}));
    EXPECT_EQ(p.period(), (std::vector<std::int32_t>{0, kMissingCode, kMissingCode, 1}));
    EXPECT_EQ(p.order(), (std::vector<std::size_t>{0, 3}));
    EXPECT_EQ(p.shifted_row(1, 1), npos);
}

TEST(PanelIndex, NumbersSortNumericallyAlsoOverAWideRange) {
    Frame f;
    f.add(Column::integer("id", {1'000'000'000'000, -5, 9, 1'000'000'000'000}));
    f.add(Column::numeric("t", {1, 1, 1, 2}));
    const PanelIndex p(f, "id", "t");
    EXPECT_EQ(p.entity(), (std::vector<std::int32_t>{2, 0, 1, 2}));
    EXPECT_EQ(p.entity_label(2), "1000000000000");
}

TEST(PanelIndex, TooWideIntegerTimeSpanIsAnError) {
    Frame f;
    f.add(Column::integer("id", {1, 1}));
    f.add(Column::integer("date", {0, 2'000'000}));
    EXPECT_THROW(PanelIndex(f, "id", "date"), Error);
}

TEST(PanelIndex, EmptyOrAllMissingGivesAnEmptyPanel) {
    Frame f;
    f.add(Column::integer("id", {kMissingInteger, 1}));
    f.add(Column::numeric("t", {2000, std::nan("")}));
    const PanelIndex p(f, "id", "t");
    EXPECT_EQ(p.n_entities(), 0u);
    EXPECT_EQ(p.n_periods(), 0u);
    EXPECT_TRUE(p.order().empty());
    EXPECT_EQ(p.n_gaps(), 0u);
    EXPECT_EQ(p.periods_per_entity().max, 0u);
    EXPECT_EQ(p.shifted_row(1, 1), npos);
}

TEST(PanelIndex, UnknownColumnIsAnError) {
    EXPECT_THROW(PanelIndex(firms_with_a_gap(), "firm", "yaer"), Error);
}

// Shifted rows agree with a plain (entity, year) lookup on a shuffled panel with random gaps.
TEST(PanelIndex, ShiftedRowAgreesWithADirectLookup) {
    std::mt19937_64 engine(42);
    std::vector<std::int64_t> ids, years;
    for (std::int64_t id = 0; id < 50; ++id)
        for (std::int64_t year = 1990; year < 2010; ++year)
            if (engine() % 4 != 0) ids.push_back(id * 7 % 50), years.push_back(year);
    std::vector<std::size_t> shuffle(ids.size());
    for (std::size_t i = 0; i < shuffle.size(); ++i) shuffle[i] = i;
    std::shuffle(shuffle.begin(), shuffle.end(), engine);
    Frame f;
    std::vector<std::int64_t> id_column, year_column;
    std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> row_of;
    for (auto i : shuffle) {
        row_of[{ids[i], years[i]}] = id_column.size();
        id_column.push_back(ids[i]);
        year_column.push_back(years[i]);
    }
    f.add(Column::integer("id", id_column));
    f.add(Column::integer("year", year_column));
    const PanelIndex p(f, "id", "year");
    std::size_t checked = 0;
    for (std::size_t row = 0; row < f.rows(); ++row)
        for (int k : {-3, -1, 1, 2, 5}) {
            const auto it = row_of.find({id_column[row], year_column[row] - k});
            EXPECT_EQ(p.shifted_row(row, k), it == row_of.end() ? npos : it->second);
            ++checked;
        }
    EXPECT_EQ(checked, f.rows() * 5);
    EXPECT_EQ(p.order().size(), f.rows());
    for (std::size_t i = 1; i < p.order().size(); ++i) {
        const auto a = p.order()[i - 1], b = p.order()[i];
        EXPECT_TRUE(std::pair(id_column[a], year_column[a]) <
                    std::pair(id_column[b], year_column[b]));
    }
}

}  // namespace
}  // namespace gvcpanel::data
