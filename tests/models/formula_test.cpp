#include "models/formula.hpp"

#include <gtest/gtest.h>

#include "support/caret.hpp"

namespace gvcpanel::models {
namespace {

using testing::caret_error_of;

std::vector<std::string> names(const std::vector<Term>& terms) {
    std::vector<std::string> out;
    for (const auto& t : terms) out.push_back(t.name);
    return out;
}

using Names = std::vector<std::string>;

TEST(Formula, ArchitectureExampleHasAllThreeParts) {
    const Formula f = parse_formula(
        "y ~ x1 + x2 + x1:x2 + log(k) + i(governance) + l(y, 1) + d(x3) | firm + year + "
        "industry^year | gvc ~ tariff + distance");
    EXPECT_EQ(f.outcome_name, "y");
    EXPECT_EQ(names(f.terms), (Names{"x1", "x2", "x1:x2", "log(k)", "governance", "l(y,1)", "d(x3)"}));
    EXPECT_TRUE(f.intercept);
    ASSERT_EQ(f.fixed_effects.size(), 3u);
    EXPECT_EQ(f.fixed_effects[2].name, "industry^year");
    EXPECT_EQ(f.fixed_effects[2].variables, (Names{"industry", "year"}));
    EXPECT_EQ(names(f.endogenous), (Names{"gvc"}));
    EXPECT_EQ(names(f.instruments), (Names{"tariff", "distance"}));
}

TEST(Formula, VaryingSlopesAsFixest) {
    const Formula f = parse_formula("y ~ x | firm[t] + firm[[t]] + industry^year[t, t2] + year");
    ASSERT_EQ(f.fixed_effects.size(), 4u);
    EXPECT_EQ(f.fixed_effects[0].name, "firm");
    EXPECT_EQ(f.fixed_effects[0].slopes, Names{"t"});
    EXPECT_TRUE(f.fixed_effects[0].slope_intercept);
    EXPECT_EQ(f.fixed_effects[0].label(), "firm[t]");
    EXPECT_FALSE(f.fixed_effects[1].slope_intercept);
    EXPECT_EQ(f.fixed_effects[1].label(), "firm[[t]]");
    EXPECT_EQ(f.fixed_effects[2].variables, (Names{"industry", "year"}));
    EXPECT_EQ(f.fixed_effects[2].slopes, (Names{"t", "t2"}));
    EXPECT_EQ(f.fixed_effects[2].slope_positions, (std::vector<std::size_t>{44, 47}));
    EXPECT_EQ(f.fixed_effects[2].label(), "industry^year[t,t2]");
    EXPECT_TRUE(f.fixed_effects[3].slopes.empty());
    EXPECT_EQ(f.fixed_effects[3].label(), "year");
}

TEST(Formula, PartWithTildeIsTheIvPart) {
    const Formula f = parse_formula("y ~ x | gvc ~ tariff");
    EXPECT_TRUE(f.fixed_effects.empty());
    EXPECT_EQ(names(f.endogenous), (Names{"gvc"}));
    EXPECT_EQ(names(f.instruments), (Names{"tariff"}));
}

TEST(Formula, NamesAreTermsWithBlanksRemoved) {
    const Formula f = parse_formula("log( va ) ~ log(pcap) + I(age ^ 2) + sqrt(abs(x - 1)) + exp(z)");
    EXPECT_EQ(f.outcome_name, "log(va)");
    EXPECT_EQ(names(f.terms), (Names{"log(pcap)", "I(age^2)", "sqrt(abs(x-1))", "exp(z)"}));
}

TEST(Formula, StarExpandsToMainEffectsAndInteraction) {
    EXPECT_EQ(names(parse_formula("y ~ x1*x2").terms), (Names{"x1", "x2", "x1:x2"}));
    EXPECT_EQ(names(parse_formula("y ~ a*b*c").terms),
              (Names{"a", "b", "a:b", "c", "a:c", "b:c", "a:b:c"}));
    EXPECT_EQ(names(parse_formula("y ~ (a + b):c").terms), (Names{"a:c", "b:c"}));
}

TEST(Formula, RepeatedTermsAppearOnce) {
    EXPECT_EQ(names(parse_formula("y ~ x + x + a:b + b:a").terms), (Names{"x", "a:b"}));
}

TEST(Formula, InterceptMarkers) {
    EXPECT_FALSE(parse_formula("y ~ 0 + x").intercept);
    EXPECT_FALSE(parse_formula("y ~ x - 1").intercept);
    EXPECT_FALSE(parse_formula("y ~ -1 + x").intercept);
    EXPECT_TRUE(parse_formula("y ~ 1 + x").intercept);
    const Formula only_intercept = parse_formula("y ~ 1");
    EXPECT_TRUE(only_intercept.terms.empty());
    EXPECT_TRUE(only_intercept.intercept);
}

TEST(Formula, MinusRemovesATerm) {
    EXPECT_EQ(names(parse_formula("y ~ x1*x2 - x1:x2").terms), (Names{"x1", "x2"}));
}

TEST(Formula, LagRangesExpandWithConventionalNames) {
    const Formula f = parse_formula("y ~ l(x, 1:3) + l(log(emp), 1) + f(x, 2) + l(x, 0:1)");
    EXPECT_EQ(names(f.terms), (Names{"l(x,1)", "l(x,2)", "l(x,3)", "l(log(emp),1)", "f(x,2)", "x"}));
    ASSERT_EQ(f.terms[2].pieces[0].value.kind, Expr::Kind::shift);
    EXPECT_EQ(f.terms[2].pieces[0].value.lag, 3);
    EXPECT_EQ(f.terms[5].pieces[0].value.kind, Expr::Kind::column);
}

TEST(Formula, FactorTerms) {
    const Formula f = parse_formula("y ~ i(g) + i(h, ref = \"b\") + i(year, ref = 2001) + i(g, x) + i(s, x, ref = low)");
    ASSERT_EQ(f.terms.size(), 5u);
    EXPECT_EQ(f.terms[0].pieces[0].kind, Piece::Kind::factor);
    EXPECT_FALSE(f.terms[0].pieces[0].reference.has_value());
    EXPECT_EQ(f.terms[1].pieces[0].reference->text, "b");
    EXPECT_TRUE(f.terms[2].pieces[0].reference->is_number);
    EXPECT_EQ(f.terms[2].pieces[0].reference->number, 2001);
    EXPECT_EQ(f.terms[3].name, "g:x");
    EXPECT_TRUE(f.terms[3].keep_all_levels);
    EXPECT_EQ(f.terms[4].pieces[0].reference->text, "low");
}

TEST(Formula, SubsetOperatorsInsideI) {
    const Formula f = parse_formula("y ~ I(x > 0 && z != 2)");
    EXPECT_EQ(names(f.terms), (Names{"I(x>0&&z!=2)"}));
}

TEST(Formula, ExpressionPositionsPointIntoTheText) {
    const Formula f = parse_formula("y ~ a + log(bb)");
    EXPECT_EQ(f.terms[1].position, 8u);
}

// Every syntax error: the message and the caret column (a byte offset in ASCII text).
struct ErrorCase {
    std::string formula;
    std::size_t column;
    std::string message;  // a part of the first line
};

class FormulaError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(FormulaError, MessageAndCaret) {
    const ErrorCase& c = GetParam();
    const auto error = caret_error_of([&] { parse_formula(c.formula); });
    EXPECT_NE(error.what.find(c.message), std::string::npos) << error.what;
    EXPECT_EQ(error.what.rfind("formula: ", 0), 0u) << error.what;
    EXPECT_EQ(error.text, c.formula);
    EXPECT_EQ(error.column, c.column) << c.formula;
}

INSTANTIATE_TEST_SUITE_P(
    Formula, FormulaError,
    ::testing::Values(
        ErrorCase{"", 0, "the formula is empty"},
        ErrorCase{"~ x", 0, "needs an outcome before '~'"},
        ErrorCase{"y x", 2, "expected '~' after the outcome"},
        ErrorCase{"y ~ x +", 7, "unexpected end"},
        ErrorCase{"y ~ (x + z", 10, "expected ')' to close this '('"},
        ErrorCase{"y ~ x)", 5, "no matching '('"},
        ErrorCase{"y ~ lg(x)", 4, "unknown function 'lg'"},
        ErrorCase{"y ~ x + 2", 8, "a number is not a term"},
        ErrorCase{"y ~ x^2", 5, "for a power write I(x^2)"},
        ErrorCase{"y ~ x / z", 6, "for arithmetic write I(a/b)"},
        ErrorCase{"y ~ x ~ z", 6, "an IV part goes after '|'"},
        ErrorCase{"y ~ x | firm[]", 13, "empty brackets"},
        ErrorCase{"y ~ x | firm[[]]", 14, "empty brackets"},
        ErrorCase{"y ~ x | firm[log(t)]", 13, "a varying slope is a numeric variable name"},
        ErrorCase{"y ~ x | firm[t, 2]", 16, "a varying slope is a numeric variable name"},
        ErrorCase{"y ~ x | firm[t", 14, "expected ',' or ']' to close the slopes of 'firm'"},
        ErrorCase{"y ~ x | firm[[t]", 16, "expected ',' or ']]' to close the slopes of 'firm'"},
        ErrorCase{"y ~ x | firm[t, t]", 16, "the slope 't' appears twice"},
        ErrorCase{"y ~ x | firm[t] + firm[t]", 18, "the fixed effect 'firm[t]' appears twice"},
        ErrorCase{"y ~ x[t]", 5, "varying slopes (var[x]) belong in the fixed-effects part"},
        ErrorCase{"y ~ x | a | b", 12, "this part has no '~': after the fixed effects only the IV part"},
        ErrorCase{"log_tfp ~ x | firm | gvc", 21, "this part has no '~'"},
        ErrorCase{"log_tfp = x", 8, "the formula has no '~': the outcome and the terms are separated by '~', not '='"},
        ErrorCase{"y = x + I(z = 1)", 2, "separated by '~', not '='"},
        ErrorCase{"y ~ x | g ~ z | a", 14, "the IV part (the one with '~') must come last"},
        ErrorCase{"y ~ x | log(a)", 8, "a fixed effect is a variable name"},
        ErrorCase{"y ~ x | a + a", 12, "appears twice"},
        ErrorCase{"y ~ x $ z", 6, "unexpected character '$'"},
        ErrorCase{"y ~ i(g, ref = \"a)", 15, "no closing '\"'"},
        ErrorCase{"y ~ l(x, 3:1)", 11, "from low to high"},
        ErrorCase{"y ~ l(x, 1.5)", 9, "whole number"},
        ErrorCase{"y ~ I(l(x, 1:2))", 12, "only as a formula term"},
        ErrorCase{"y ~ d(x, 0)", 4, "positive number of periods"},
        ErrorCase{"y ~ i(1)", 6, "i() takes a variable name first"},
        ErrorCase{"y ~ i(g, ref = )", 15, "expected a level"},
        ErrorCase{"y ~ i(g, x, z)", 12, "expected ref = level"},
        ErrorCase{"y ~ log(x, 2)", 9, "log() takes one argument"},
        ErrorCase{"y ~ \"x\"", 4, "a string is not a term"},
        ErrorCase{"y ~ (0 + x)", 5, "belong among the terms after the first '~'"},
        ErrorCase{"y ~ 2x", 4, "a name cannot start with a digit"},
        ErrorCase{"y ~ 1e999", 4, "not a usable number"},
        ErrorCase{"y ~ x | ~ z", 8, "needs the endogenous variables before '~'"},
        ErrorCase{"y ~ I(x = 1)", 8, "use '==' to compare"},
        ErrorCase{"y ~ I(a < b < c)", 12, "comparisons do not chain"},
        ErrorCase{"y ~ x | a^", 10, "a variable name after '^'"}));

TEST(Formula, CaretCountsCharactersNotBytes) {
    // "é" is two bytes in UTF-8 but one column on screen.
    const auto error = caret_error_of([] { parse_formula("y ~ i(g, ref = \"\xC3\xA9\") + $"); });
    EXPECT_EQ(error.column, 22u);
}

TEST(Formula, ControlCharactersEchoAsSpacesOnOneLine) {
    const auto error = caret_error_of([] { parse_formula("y ~\nx $"); });
    EXPECT_EQ(error.text, "y ~ x $");
    EXPECT_EQ(error.column, 6u);
}

TEST(Formula, DeepNestingIsAnErrorNotACrash) {
    const std::string deep = "y ~ " + std::string(5000, '(') + "x" + std::string(5000, ')');
    const auto error = caret_error_of([&] { parse_formula(deep); });
    EXPECT_NE(error.what.find("levels deep"), std::string::npos) << error.what;
    std::string chain = "y ~ I(x";
    for (int i = 0; i < 5000; ++i) chain += "+x";
    EXPECT_NE(caret_error_of([&] { parse_formula(chain + ")"); }).what.find("levels deep"), std::string::npos);
}

TEST(Formula, WideInteractionsAreRefused) {
    std::string formula = "y ~ ";
    for (const char* prefix : {"a", "b", "c", "d"}) {
        if (formula.size() > 4) formula += "*";
        formula += "(";
        for (int i = 1; i <= 20; ++i) {
            if (i > 1) formula += '+';
            formula.append(prefix).append(std::to_string(i));
        }
        formula += ")";
    }
    EXPECT_NE(caret_error_of([&] { parse_formula(formula); }).what.find("terms"), std::string::npos);
}

}  // namespace
}  // namespace gvcpanel::models
