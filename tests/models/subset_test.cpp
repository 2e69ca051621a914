#include "models/subset.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/caret.hpp"

namespace gvcpanel::models {
namespace {

using testing::caret_error_of;

const double kNa = std::nan("");

data::Frame firms() {
    data::Frame frame;
    frame.add(data::Column::integer("year", {2000, 2001, 2002, 2003, data::kMissingInteger}));
    frame.add(data::Column::numeric("export_share", {0.0, 0.5, kNa, 0.2, 0.9}));
    // Levels deliberately not in sorted order; row 3 is missing.
    frame.add(data::Column::categorical("governance", {0, 1, 0, data::kMissingCode, 2},
                                        {"captive", "market", "modular"}));
    return frame;
}

std::vector<bool> rows(std::string_view expression) { return evaluate_subset(expression, firms()); }

TEST(Subset, Comparisons) {
    EXPECT_EQ(rows("year >= 2002"), (std::vector<bool>{false, false, true, true, false}));
    EXPECT_EQ(rows("year == 2001"), (std::vector<bool>{false, true, false, false, false}));
    EXPECT_EQ(rows("year < 2001"), (std::vector<bool>{true, false, false, false, false}));
    EXPECT_EQ(rows("year <= 2001"), (std::vector<bool>{true, true, false, false, false}));
    EXPECT_EQ(rows("year > 2002"), (std::vector<bool>{false, false, false, true, false}));
}

TEST(Subset, MissingInAComparisonIsNeverSelected) {
    // export_share is missing in row 2, year in row 4: those rows fail both x and its negation.
    EXPECT_EQ(rows("export_share != 0"), (std::vector<bool>{false, true, false, true, true}));
    EXPECT_EQ(rows("!(export_share != 0)"), (std::vector<bool>{true, false, false, false, false}));
    EXPECT_EQ(rows("year != 2000"), (std::vector<bool>{false, true, true, true, false}));
}

TEST(Subset, ThreeValuedLogic) {
    // Row 2: unknown && false is false; unknown || true is true.
    EXPECT_EQ(rows("year >= 2002 && export_share > 0"), (std::vector<bool>{false, false, false, true, false}));
    EXPECT_EQ(rows("export_share > 0 || year == 2002"), (std::vector<bool>{false, true, true, true, true}));
    EXPECT_EQ(rows("export_share > 0 && year == 2000"), (std::vector<bool>{false, false, false, false, false}));
}

TEST(Subset, ArithmeticAndPrecedence) {
    EXPECT_EQ(rows("year - 2000 * 1 >= 1 + 1"), (std::vector<bool>{false, false, true, true, false}));
    EXPECT_EQ(rows("-export_share^2 > -0.1"), (std::vector<bool>{true, false, false, true, false}));
    EXPECT_EQ(rows("(year - 2000) / 2 == 1"), (std::vector<bool>{false, false, true, false, false}));
    EXPECT_EQ(rows("!(year == 2000) && year < 2002 || year == 2003"),
              (std::vector<bool>{false, true, false, true, false}));
    EXPECT_EQ(rows("log(export_share) > -1"), (std::vector<bool>{false, true, false, false, true}));
}

TEST(Subset, StringEqualityOnCategoricalColumns) {
    EXPECT_EQ(rows("governance == \"captive\""), (std::vector<bool>{true, false, true, false, false}));
    EXPECT_EQ(rows("\"modular\" == governance"), (std::vector<bool>{false, false, false, false, true}));
    EXPECT_EQ(rows("governance != \"captive\""), (std::vector<bool>{false, true, false, false, true}));
    EXPECT_EQ(rows("governance == \"relational\""), (std::vector<bool>(5, false)));
}

struct ErrorCase {
    std::string expression;
    std::size_t column;
    std::string message;
};

class SubsetError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(SubsetError, MessageAndCaret) {
    const ErrorCase& c = GetParam();
    const auto error = caret_error_of([&] { rows(c.expression); });
    EXPECT_NE(error.what.find(c.message), std::string::npos) << error.what;
    EXPECT_EQ(error.what.rfind("subset: ", 0), 0u) << error.what;
    EXPECT_EQ(error.text, c.expression);
    EXPECT_EQ(error.column, c.column) << c.expression;
}

INSTANTIATE_TEST_SUITE_P(
    Subset, SubsetError,
    ::testing::Values(
        ErrorCase{"", 0, "the expression is empty"},
        ErrorCase{"year > 2000 & year < 2003", 12, "use '&&'"},
        ErrorCase{"year > 2000 | year < 2003", 12, "unexpected '|'; use '||' for 'or'"},
        ErrorCase{"year = 2000", 5, "use '==' to compare"},
        ErrorCase{"yeer > 2000", 0, "unknown variable 'yeer'; did you mean 'year'?"},
        ErrorCase{"year > ", 7, "unexpected end"},
        ErrorCase{"(year > 2000", 12, "expected ')'"},
        ErrorCase{"year", 0, "the subset must be a condition"},
        ErrorCase{"governance == 1", 14, "compare it with a string in double quotes"},
        ErrorCase{"year == \"2000\"", 8, "write the number without quotes"},
        ErrorCase{"governance < \"b\"", 13, "only be compared with == or !="},
        ErrorCase{"governance + 1 > 0", 0, "holds text (categorical)"},
        ErrorCase{"governance == governance", 14, "two text columns"},
        ErrorCase{"year > 'a'", 7, "double quotes"},
        ErrorCase{"l(year, 1) > 0", 0, "l() needs --panel ID,TIME"},
        ErrorCase{"year > 2000 2001", 12, "unexpected number '2001'"}));

TEST(Subset, ParseOnlyChecksSyntax) {
    EXPECT_NO_THROW(parse_subset("unknown_column > 3 && other == \"x\""));
    EXPECT_THROW(parse_subset("x >"), Error);
}

}  // namespace
}  // namespace gvcpanel::models
