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

// The hand filter each %in% / is.na() condition must equal, row by row.
std::vector<bool> by_hand(bool (*keep)(const data::Frame&, std::size_t)) {
    const auto frame = firms();
    std::vector<bool> out;
    for (std::size_t row = 0; row < frame.rows(); ++row) out.push_back(keep(frame, row));
    return out;
}

TEST(Subset, MembershipEqualsAHandFilter) {
    EXPECT_EQ(rows("governance %in% c(\"captive\", \"modular\")"), by_hand([](const data::Frame& f, std::size_t r) {
                  const auto text = f.column("governance").text(r);
                  return text == "captive" || text == "modular";
              }));
    EXPECT_EQ(rows("year %in% c(2000, 2003, 1999)"), by_hand([](const data::Frame& f, std::size_t r) {
                  const double year = f.column("year").number(r);
                  return year == 2000 || year == 2003;
              }));
    EXPECT_EQ(rows("year %in% 2001"), (std::vector<bool>{false, true, false, false, false}));
    EXPECT_EQ(rows("governance %in% c(\"relational\")"), (std::vector<bool>(5, false)));
    // A missing value is never in the list (R's %in%), so its negation selects it.
    EXPECT_EQ(rows("!(governance %in% c(\"captive\"))"), (std::vector<bool>{false, true, false, true, true}));
    EXPECT_EQ(rows("!(export_share %in% c(0, 0.2))"), (std::vector<bool>{false, true, true, false, true}));
    // As in R, %in% binds tighter than arithmetic: year - (2000 %in% c(1)) is year - 0.
    EXPECT_EQ(rows("year - 2000 %in% c(1) == 2000"), rows("year == 2000"));
}

TEST(Subset, MissingValuesSelectedByIsNa) {
    EXPECT_EQ(rows("is.na(export_share)"), (std::vector<bool>{false, false, true, false, false}));
    EXPECT_EQ(rows("!is.na(export_share)"), (std::vector<bool>{true, true, false, true, true}));
    EXPECT_EQ(rows("is.na(governance) || is.na(year)"), (std::vector<bool>{false, false, false, true, true}));
    EXPECT_EQ(rows("!is.na(year) && !is.na(governance) && governance %in% c(\"captive\", \"market\")"),
              (std::vector<bool>{true, true, true, false, false}));
    // log(0) is -inf, not missing: is.na() is R's.
    EXPECT_EQ(rows("is.na(log(export_share))"), (std::vector<bool>{false, false, true, false, false}));
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
        ErrorCase{"year > 2000 2001", 12, "unexpected number '2001'"},
        ErrorCase{"governance %in% c(1, 2)", 18, "list strings in double quotes"},
        ErrorCase{"year %in% c(\"2000\")", 12, "write the numbers without quotes"},
        ErrorCase{"year %in% c(2000, \"a\")", 18, "all numbers or all strings"},
        ErrorCase{"year %in% c(2000, year)", 18, "%in% takes literal values"},
        ErrorCase{"year %in% 2000:2003", 14, "unexpected ':'"},
        ErrorCase{"year % 2 == 0", 5, "the only operator written with '%' is %in%"},
        ErrorCase{"is.na(yeer)", 6, "did you mean 'year'?"}));

TEST(Subset, ParseOnlyChecksSyntax) {
    EXPECT_NO_THROW(parse_subset("unknown_column > 3 && other == \"x\""));
    EXPECT_THROW(parse_subset("x >"), Error);
}

}  // namespace
}  // namespace gvcpanel::models
