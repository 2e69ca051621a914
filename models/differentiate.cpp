// Symbolic differentiation by the chain rule on the expression tree, building the derivative with
// constant folding of 0 and 1 so that it stays as small as the term it comes from.
#include "models/differentiate.hpp"

#include <algorithm>

#include "data/error.hpp"

namespace gvcpanel::models {

namespace {

Expr number(double value) {
    Expr node;
    node.kind = Expr::Kind::number;
    node.value = value;
    return node;
}

bool is_number(const Expr& e, double value) { return e.kind == Expr::Kind::number && e.value == value; }

Expr node_of(Expr::Kind kind, std::vector<Expr> args) {
    Expr node;
    node.kind = kind;
    for (const auto& a : args) node.depth = std::max(node.depth, a.depth + 1);
    node.args = std::move(args);
    return node;
}

Expr binary(TokenKind op, Expr a, Expr b) {
    if (a.kind == Expr::Kind::number && b.kind == Expr::Kind::number) {
        switch (op) {
            case TokenKind::plus: return number(a.value + b.value);
            case TokenKind::minus: return number(a.value - b.value);
            case TokenKind::star: return number(a.value * b.value);
            default: break;
        }
    }
    switch (op) {
        case TokenKind::plus:
            if (is_number(a, 0)) return b;
            if (is_number(b, 0)) return a;
            break;
        case TokenKind::minus:
            if (is_number(b, 0)) return a;
            break;
        case TokenKind::star:
            if (is_number(a, 0) || is_number(b, 0)) return number(0);
            if (is_number(a, 1)) return b;
            if (is_number(b, 1)) return a;
            break;
        case TokenKind::slash:
            if (is_number(a, 0)) return number(0);
            if (is_number(b, 1)) return a;
            break;
        default:
            break;
    }
    std::vector<Expr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    Expr node = node_of(Expr::Kind::binary, std::move(args));
    node.op = op;
    return node;
}

Expr negate(Expr a) {
    if (a.kind == Expr::Kind::number) return number(-a.value);
    std::vector<Expr> args;
    args.push_back(std::move(a));
    return node_of(Expr::Kind::negate, std::move(args));
}

Expr call(const std::string& function, Expr a) {
    std::vector<Expr> args;
    args.push_back(std::move(a));
    Expr node = node_of(Expr::Kind::function, std::move(args));
    node.text = function;
    return node;
}

bool is_step(TokenKind op) {
    return op == TokenKind::equal || op == TokenKind::not_equal || op == TokenKind::less ||
           op == TokenKind::less_equal || op == TokenKind::greater || op == TokenKind::greater_equal ||
           op == TokenKind::and_ || op == TokenKind::or_;
}

Expr derivative_of_binary(const Expr& e, const std::string& column) {
    if (is_step(e.op)) return number(0);
    const Expr& a = e.args[0];
    const Expr& b = e.args[1];
    Expr da = differentiate(a, column), db = differentiate(b, column);
    switch (e.op) {
        case TokenKind::plus: return binary(TokenKind::plus, std::move(da), std::move(db));
        case TokenKind::minus: return binary(TokenKind::minus, std::move(da), std::move(db));
        case TokenKind::star:  // a'b + ab'
            return binary(TokenKind::plus, binary(TokenKind::star, std::move(da), b),
                          binary(TokenKind::star, a, std::move(db)));
        case TokenKind::slash:  // a'/b - a b'/b^2
            return binary(TokenKind::minus, binary(TokenKind::slash, std::move(da), b),
                          binary(TokenKind::slash, binary(TokenKind::star, a, std::move(db)),
                                 binary(TokenKind::star, b, b)));
        case TokenKind::caret: {
            if (is_zero(db)) {  // c a^(c-1) a'
                if (is_zero(da)) return number(0);
                return binary(TokenKind::star,
                              binary(TokenKind::star, b,
                                     binary(TokenKind::caret, a, binary(TokenKind::minus, b, number(1)))),
                              std::move(da));
            }
            // a^b (b' log a + b a'/a)
            return binary(TokenKind::star, e,
                          binary(TokenKind::plus, binary(TokenKind::star, std::move(db), call("log", a)),
                                 binary(TokenKind::slash, binary(TokenKind::star, b, std::move(da)), a)));
        }
        default:
            return number(0);
    }
}

Expr derivative_of_function(const Expr& e, const std::string& column) {
    const Expr& a = e.args[0];
    Expr da = differentiate(a, column);
    if (is_zero(da)) return number(0);
    if (e.text == "log") return binary(TokenKind::slash, std::move(da), a);
    if (e.text == "exp") return binary(TokenKind::star, e, std::move(da));
    if (e.text == "sqrt") return binary(TokenKind::slash, std::move(da), binary(TokenKind::star, number(2), e));
    if (e.text == "abs") return binary(TokenKind::star, std::move(da), binary(TokenKind::slash, a, e));
    throw Error("differentiate: no rule for the function " + e.text + "()");
}

}  // namespace

bool is_zero(const Expr& expr) { return is_number(expr, 0); }

Expr differentiate(const Expr& expr, const std::string& column) {
    switch (expr.kind) {
        case Expr::Kind::number:
        case Expr::Kind::string:
        case Expr::Kind::not_:
        case Expr::Kind::in:  // a step, as the comparisons
            return number(0);
        case Expr::Kind::column:
            return number(expr.text == column ? 1 : 0);
        case Expr::Kind::negate: {
            Expr d = differentiate(expr.args[0], column);
            return is_zero(d) ? d : negate(std::move(d));
        }
        case Expr::Kind::binary:
            return derivative_of_binary(expr, column);
        case Expr::Kind::function:
            return derivative_of_function(expr, column);
        case Expr::Kind::shift:
            break;
        case Expr::Kind::statistic:
            throw Error("differentiate: " + expr.text + "() depends on sample statistics of its argument; "
                        "partial effects through it are not available (standardize the column in the data)");
    }
    throw Error("differentiate: " + expr.text + "() is a panel operator; give it a column of its own first");
}

}  // namespace gvcpanel::models
