#include "reports/table_options.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"

namespace gvcpanel::reports {

namespace {
std::string message_of(const TableOptions& options, std::size_t columns) {
    try {
        options.validate(columns);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(TableOptions, DefaultsAreValid) { EXPECT_EQ(message_of({}, 3), ""); }

TEST(TableOptions, MessagesNameTheFieldAndItsValue) {
    TableOptions digits;
    digits.digits = -1;
    EXPECT_NE(message_of(digits, 1).find("digits is -1"), std::string::npos);
    TableOptions titles;
    titles.titles = {"a", "b"};
    EXPECT_NE(message_of(titles, 3).find("titles has 2 entries"), std::string::npos);
    TableOptions groups;
    groups.groups = {{"A", 1}, {"B", 1}};
    EXPECT_NE(message_of(groups, 3).find("groups span 2 columns"), std::string::npos);
    groups.groups = {{"A", 0}, {"B", 3}};
    EXPECT_NE(message_of(groups, 3).find("groups[0].span is 0"), std::string::npos);
}

TEST(TableOptions, BelowChoices) {
    EXPECT_EQ(parse_below("ci"), Below::ci);
    EXPECT_EQ(parse_below("none"), Below::none);
    EXPECT_THROW(parse_below("stderr"), Error);
}

}  // namespace gvcpanel::reports
