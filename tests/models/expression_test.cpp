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
            out.append(e.text).append(1, '(');
            shape(e.args[0], out);
            if (e.kind == Expr::Kind::shift) out.append(1, ',').append(std::to_string(e.lag));
            out.append(1, ')');
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
