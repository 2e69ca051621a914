// data::left_join: rows keep their place, unmatched rows get missing measures, integer, numeric and
// text columns carried with their type, and the refusals (repeated keys, absent keys, clashes).
#include "data/join.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::data {
namespace {

Frame panel() {
    Frame f;
    f.add(Column::categorical("country", {0, 1, 0, 2}, {"AR", "DE", "TR"}));
    f.add(Column::integer("year", {2000, 2000, 2001, 2000}));
    f.add(Column::numeric("y", {1, 2, 3, 4}));
    return f;
}

Frame measures() {
    Frame m;
    m.source = "m.csv";
    m.add(Column::categorical("country", {1, 0, 0}, {"AR", "DE"}));
    m.add(Column::integer("year", {2000, 2000, 2001}));
    m.add(Column::numeric("gvc", {0.5, 0.25, 0.75}));
    m.add(Column::categorical("group", {0, 1, 1}, {"core", "edge"}));
    return m;
}

TEST(LeftJoin, AddsMeasuresByKeyAndLeavesUnmatchedMissing) {
    const Frame j = left_join(panel(), measures(), {"country", "year"});
    ASSERT_EQ(j.rows(), 4u);
    EXPECT_EQ(j.column("y").numbers, (std::vector<double>{1, 2, 3, 4}));
    EXPECT_EQ(j.column("gvc").numbers[0], 0.25);  // AR 2000
    EXPECT_EQ(j.column("gvc").numbers[1], 0.5);   // DE 2000
    EXPECT_EQ(j.column("gvc").numbers[2], 0.75);  // AR 2001
    EXPECT_TRUE(std::isnan(j.column("gvc").numbers[3]));  // TR: no measures
    EXPECT_EQ(j.column("group").text(1), "core");
    EXPECT_TRUE(j.column("group").is_missing(3));
}

TEST(LeftJoin, Refusals) {
    Frame twice = measures();
    twice.column("country").codes = {0, 0, 0};
    twice.column("year").integers = {2000, 2000, 2001};
    EXPECT_THROW(left_join(panel(), twice, {"country", "year"}), Error);  // AR 2000 twice
    EXPECT_THROW(left_join(panel(), measures(), {"sector"}), Error);
    EXPECT_THROW(left_join(panel(), measures(), {}), Error);
    Frame clash = measures();
    clash.add(Column::numeric("y", {0, 0, 0}));
    try {
        left_join(panel(), clash, {"country", "year"});
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("column 'y' is also in the data"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace gvcpanel::data
