#include "models/expression.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::models {
namespace {

Expr parse(std::string_view text) { return parse_whole_expression(Source{text, "test"}); }

// The tree written back with full parentheses, to check precedence and associativity.
void shape(const Expr& e, std::string& out) {
    switch (e.kind) {
        case Expr::Kind::number: out.append(std::to_string(static_cast<int>(e.value))); return;
        case Expr::Kind::string: out.append(1, '"').append(e.text).append(1, '"'); return;
        case Expr::Kind::column: out.append(e.text); return;
        case Expr::Kind::negate:
        case Expr::Kind::not_:
            out.append(e.kind == Expr::Kind::negate ? "(-" : "(!");
            shape(e.args[0], out);
            out.append(1, ')');
            return;
        case Expr::Kind::function:
        case Expr::Kind::shift:
        case Expr::Kind::statistic:
            out.append(e.text).append(1, '(');
            shape(e.args[0], out);
            if (e.kind == Expr::Kind::shift) out.append(1, ',').append(std::to_string(e.lag));
            if (e.args.size() > 1) out.append(",by=").append(e.args[1].text);
            out.append(1, ')');
            return;
        case Expr::Kind::in:
            out.append(1, '(');
            shape(e.args[0], out);
            out.append(" %in% c(");
            for (std::size_t i = 1; i < e.args.size(); ++i) {
                if (i > 1) out.append(1, ',');
                shape(e.args[i], out);
            }
            out.append("))");
            return;
        case Expr::Kind::binary: {
            const std::string op = describe(e.op);
            out.append(1, '(');
            shape(e.args[0], out);
            out.append(op, 1, op.size() - 2);
            shape(e.args[1], out);
            out.append(1, ')');
            return;
        }
    }
}

std::string shape(const Expr& e) {
    std::string out;
    shape(e, out);
    return out;
}

TEST(Expression, PrecedenceAsInR) {
    EXPECT_EQ(shape(parse("-x^2")), "(-(x^2))");
    EXPECT_EQ(shape(parse("2^-1")), "(2^(-1))");
    EXPECT_EQ(shape(parse("a^b^c")), "(a^(b^c))");
    EXPECT_EQ(shape(parse("a - b - c")), "((a-b)-c)");
    EXPECT_EQ(shape(parse("a + b * c / d")), "(a+((b*c)/d))");
    EXPECT_EQ(shape(parse("!a > 1 && b || c == \"s\"")), "(((!(a>1))&&b)||(c==\"s\"))");
}

TEST(Expression, CallsAndPanelOperators) {
    EXPECT_EQ(shape(parse("log(exp(x)) + I(y)")), "(log(exp(x))+y)");
    EXPECT_EQ(shape(parse("l(x) + l(x, 2) + f(x, -1) + d(log(x), 1)")),
              "(((l(x,1)+l(x,2))+f(x,-1))+d(log(x),1))");
}

TEST(Expression, MembershipBindsAsInR) {
    EXPECT_EQ(shape(parse("g %in% c(\"a\", \"b\")")), "(g %in% c(\"a\",\"b\"))");
    EXPECT_EQ(shape(parse("x %in% c(1, -2) && !y %in% 3")), "((x %in% c(1,-2))&&(!(y %in% c(3))))");
    EXPECT_EQ(shape(parse("2 * x %in% c(1) + 1")), "((2*(x %in% c(1)))+1)");
    EXPECT_EQ(shape(parse("-x %in% c(1)")), "((-x) %in% c(1))");
    const Expr e = parse("x %in% c(1, -2)");
    EXPECT_EQ(e.args[2].value, -2.0);
    EXPECT_EQ(canonical_text("x %in% c(1, -2)", e.position, e.end), "x%in%c(1,-2)");
}

TEST(Expression, MissingTestsAndSampleStatistics) {
    EXPECT_EQ(shape(parse("!is.na(x) && is.na(log(y))")), "((!is.na(x))&&is.na(log(y)))");
    EXPECT_EQ(shape(parse("scale(x) + center(log(x)) - mean(x, by = firm)")),
              "((scale(x)+center(log(x)))-mean(x,by=firm))");
    const Expr e = parse("mean( x , by = firm )");
    EXPECT_EQ(canonical_text("mean( x , by = firm )", e.position, e.end), "mean(x,by=firm)");
    EXPECT_THROW(parse("mean(x, firm)"), Error);
    EXPECT_THROW(parse("mean(x, by = log(firm))"), Error);
    EXPECT_THROW(parse("scale(x, by = g, 2)"), Error);
    EXPECT_THROW(parse("c(1, 2)"), Error);
}

TEST(Expression, NodesKnowWhereTheyAre) {
    const Expr e = parse("a + log( b )");
    EXPECT_EQ(e.args[1].position, 4u);
    EXPECT_EQ(e.args[1].end, 12u);
    EXPECT_EQ(canonical_text("a + log( b )", e.args[1].position, e.args[1].end), "log(b)");
}

TEST(Expression, ParseStopsBeforeAFormulaOperator) {
    TokenStream tokens(Source{"log(x) ~ z", "test"});
    parse_expression(tokens);
    EXPECT_TRUE(tokens.at(TokenKind::tilde));
}

}  // namespace
}  // namespace gvcpanel::models
