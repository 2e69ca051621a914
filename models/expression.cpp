// Recursive descent, one function per precedence level; every node records where it starts and
// ends in the text, for carets and for term names.
#include "models/expression.hpp"

#include <algorithm>
#include <cmath>

#include "data/names.hpp"
#include "models/formula_functions.hpp"

namespace gvcpanel::models {

namespace {

constexpr std::size_t kMaxTreeDepth = 200;

Expr make_node(TokenStream& tokens, Expr::Kind kind, std::size_t position, std::vector<Expr> args) {
    Expr node;
    node.kind = kind;
    node.position = position;
    node.end = position;
    for (const auto& a : args) {
        node.depth = std::max(node.depth, a.depth + 1);
        node.end = std::max(node.end, a.end);
    }
    // Long chains such as a+a+...+a nest without recursion in the parser; bound them here too,
    // so that evaluating and destroying the tree stay within the stack.
    if (node.depth > kMaxTreeDepth)
        throw tokens.source().error(position, "expression nested more than " +
                                                  std::to_string(kMaxTreeDepth) + " levels deep");
    node.args = std::move(args);
    return node;
}

Expr binary(TokenStream& tokens, const Token& op, Expr lhs, Expr rhs) {
    const std::size_t position = lhs.position;
    std::vector<Expr> args;
    args.push_back(std::move(lhs));
    args.push_back(std::move(rhs));
    Expr node = make_node(tokens, Expr::Kind::binary, position, std::move(args));
    node.op = op.kind;
    return node;
}

Expr parse_or(TokenStream& tokens);

Expr parse_power(TokenStream& tokens);

Expr parse_unary(TokenStream& tokens) {
    TokenStream::Nesting nesting(tokens);
    if (tokens.at(TokenKind::minus) || tokens.at(TokenKind::plus)) {
        const Token& sign = tokens.next();
        Expr operand = parse_unary(tokens);
        if (sign.kind == TokenKind::plus) return operand;
        std::vector<Expr> args;
        args.push_back(std::move(operand));
        return make_node(tokens, Expr::Kind::negate, sign.position, std::move(args));
    }
    return parse_power(tokens);
}

Expr parse_power(TokenStream& tokens) {
    Expr base = parse_primary(tokens);
    if (!tokens.at(TokenKind::caret)) return base;
    const Token& op = tokens.next();
    return binary(tokens, op, std::move(base), parse_unary(tokens));
}

Expr literal(const Token& token, double sign) {
    Expr node;
    node.kind = token.kind == TokenKind::number ? Expr::Kind::number : Expr::Kind::string;
    node.value = sign * token.number;
    if (token.kind == TokenKind::string) node.text = token.text;
    node.position = token.position;
    node.end = token.end;
    return node;
}

// One value of a %in% list: a number (possibly signed) or a "string".
Expr parse_list_item(TokenStream& tokens) {
    const Token& first = tokens.peek();
    const bool negative = tokens.accept(TokenKind::minus);
    const Token& token = tokens.peek();
    if (token.kind != TokenKind::number && (negative || token.kind != TokenKind::string))
        throw tokens.error(first, "%in% takes literal values: c(1, 2) or c(\"a\", \"b\")");
    tokens.next();
    Expr node = literal(token, negative ? -1.0 : 1.0);
    node.position = first.position;
    return node;
}

// a %in% c(v1, v2, ...) or a %in% v: the values are literals of one kind.
Expr parse_membership(TokenStream& tokens) {
    Expr lhs = parse_unary(tokens);
    while (tokens.at(TokenKind::in)) {
        tokens.next();
        std::vector<Expr> args;
        args.push_back(std::move(lhs));
        const Token& start = tokens.peek();
        std::size_t end = start.end;
        if (start.kind == TokenKind::identifier && start.text == "c" && tokens.peek(1).kind == TokenKind::left_paren) {
            tokens.next();
            tokens.next();
            do args.push_back(parse_list_item(tokens));
            while (tokens.accept(TokenKind::comma));
            end = tokens.expect(TokenKind::right_paren, "',' or ')' to close the '(' of c()").end;
        } else {
            args.push_back(parse_list_item(tokens));
        }
        for (std::size_t i = 2; i < args.size(); ++i)
            if (args[i].kind != args[1].kind)
                throw tokens.source().error(args[i].position, "the values of %in% are all numbers or all strings");
        const std::size_t position = args[0].position;
        lhs = make_node(tokens, Expr::Kind::in, position, std::move(args));
        lhs.end = end;
    }
    return lhs;
}

Expr parse_product(TokenStream& tokens) {
    Expr lhs = parse_membership(tokens);
    while (tokens.at(TokenKind::star) || tokens.at(TokenKind::slash)) {
        const Token& op = tokens.next();
        lhs = binary(tokens, op, std::move(lhs), parse_membership(tokens));
    }
    return lhs;
}

Expr parse_sum(TokenStream& tokens) {
    Expr lhs = parse_product(tokens);
    while (tokens.at(TokenKind::plus) || tokens.at(TokenKind::minus)) {
        const Token& op = tokens.next();
        lhs = binary(tokens, op, std::move(lhs), parse_product(tokens));
    }
    return lhs;
}

bool is_comparison(TokenKind kind) {
    return kind == TokenKind::equal || kind == TokenKind::not_equal || kind == TokenKind::less ||
           kind == TokenKind::less_equal || kind == TokenKind::greater ||
           kind == TokenKind::greater_equal;
}

Expr parse_comparison(TokenStream& tokens) {
    Expr lhs = parse_sum(tokens);
    if (!is_comparison(tokens.peek().kind)) {
        if (tokens.at(TokenKind::assign))
            throw tokens.error(tokens.peek(), "use '==' to compare");
        return lhs;
    }
    const Token& op = tokens.next();
    Expr node = binary(tokens, op, std::move(lhs), parse_sum(tokens));
    if (is_comparison(tokens.peek().kind))
        throw tokens.error(tokens.peek(), "comparisons do not chain; join them with '&&'");
    return node;
}

Expr parse_not(TokenStream& tokens) {
    TokenStream::Nesting nesting(tokens);
    if (!tokens.at(TokenKind::not_)) return parse_comparison(tokens);
    const Token& bang = tokens.next();
    std::vector<Expr> args;
    args.push_back(parse_not(tokens));
    return make_node(tokens, Expr::Kind::not_, bang.position, std::move(args));
}

Expr parse_and(TokenStream& tokens) {
    Expr lhs = parse_not(tokens);
    while (tokens.at(TokenKind::and_)) {
        const Token& op = tokens.next();
        lhs = binary(tokens, op, std::move(lhs), parse_not(tokens));
    }
    return lhs;
}

Expr parse_or(TokenStream& tokens) {
    Expr lhs = parse_and(tokens);
    while (tokens.at(TokenKind::or_)) {
        const Token& op = tokens.next();
        lhs = binary(tokens, op, std::move(lhs), parse_and(tokens));
    }
    return lhs;
}

// `by = g` after the first argument of scale(), center() or mean(): g is a column name.
Expr parse_by(TokenStream& tokens, const std::string& function) {
    const Token& by = tokens.peek();
    if (by.kind != TokenKind::identifier || by.text != "by" || tokens.peek(1).kind != TokenKind::assign)
        throw tokens.error(by, function + "() takes a variable and optionally by = group, e.g. " + function +
                                   "(x, by = firm)");
    tokens.next();
    tokens.next();
    const Token& group = tokens.peek();
    if (group.kind != TokenKind::identifier || tokens.peek(1).kind == TokenKind::left_paren)
        throw tokens.error(group, "by = takes a variable name");
    tokens.next();
    Expr node;
    node.kind = Expr::Kind::column;
    node.text = group.text;
    node.position = group.position;
    node.end = group.end;
    return node;
}

Expr parse_call(TokenStream& tokens) {
    const Token& name = tokens.next();
    const FormulaFunction* function = find_formula_function(name.text);
    if (!function) {
        std::vector<std::string> names;
        for (const auto& known : formula_functions()) names.emplace_back(known.name);
        throw tokens.error(name, "unknown function '" + name.text + "'" + data::did_you_mean(name.text, names) +
                                     " (the formula functions: " + formula_function_list() +
                                     "; see gvcpanel help formula)");
    }
    if (function->kind == FunctionKind::factor)
        throw tokens.error(name, name.text + "() is a formula term of its own (" + std::string(function->usage) +
                                     "), not a value inside an expression");
    tokens.next();
    Expr argument = parse_expression(tokens);
    Expr node;
    if (function->kind == FunctionKind::identity) {
        node = std::move(argument);
        node.position = name.position;
    } else if (function->kind == FunctionKind::elementwise || function->kind == FunctionKind::condition) {
        std::vector<Expr> args;
        args.push_back(std::move(argument));
        node = make_node(tokens, Expr::Kind::function, name.position, std::move(args));
        node.text = name.text;
    } else if (function->kind == FunctionKind::statistic) {
        std::vector<Expr> args;
        args.push_back(std::move(argument));
        if (tokens.accept(TokenKind::comma)) args.push_back(parse_by(tokens, name.text));
        node = make_node(tokens, Expr::Kind::statistic, name.position, std::move(args));
        node.text = name.text;
    } else {
        int lag = 1;
        if (tokens.accept(TokenKind::comma)) lag = parse_lag(tokens);
        if (tokens.at(TokenKind::colon))
            throw tokens.error(tokens.peek(),
                               "a range of periods such as 1:3 is allowed only as a formula term");
        std::vector<Expr> args;
        args.push_back(std::move(argument));
        node = make_node(tokens, Expr::Kind::shift, name.position, std::move(args));
        node.text = name.text;
        node.lag = lag;
    }
    if (tokens.at(TokenKind::comma))
        throw tokens.error(tokens.peek(), name.text + "() takes one argument");
    const Token& close = tokens.expect(TokenKind::right_paren, "')' to close the '(' of " +
                                                                  name.text + "()");
    node.end = close.end;
    return node;
}

}  // namespace

std::string canonical_text(std::string_view source, std::size_t begin, std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end && i < source.size(); ++i)
        if (source[i] != ' ' && source[i] != '\t' && source[i] != '\n' && source[i] != '\r')
            out += source[i];
    return out;
}

Expr parse_expression(TokenStream& tokens) {
    TokenStream::Nesting nesting(tokens);
    return parse_or(tokens);
}

Expr parse_primary(TokenStream& tokens) {
    TokenStream::Nesting nesting(tokens);
    const Token& token = tokens.peek();
    switch (token.kind) {
        case TokenKind::number:
        case TokenKind::string:
            tokens.next();
            return literal(token, 1.0);
        case TokenKind::identifier: {
            if (tokens.peek(1).kind == TokenKind::left_paren) return parse_call(tokens);
            tokens.next();
            Expr node;
            node.kind = Expr::Kind::column;
            node.text = token.text;
            node.position = token.position;
            node.end = token.end;
            return node;
        }
        case TokenKind::left_paren: {
            const Token& open = tokens.next();
            Expr inner = parse_expression(tokens);
            const Token& close = tokens.expect(TokenKind::right_paren, "')' to close this '('");
            inner.position = open.position;
            inner.end = close.end;
            return inner;
        }
        default:
            throw tokens.unexpected(token, "expected a number, a name or '('");
    }
}

int parse_lag(TokenStream& tokens) {
    const Token& first = tokens.peek();
    const bool negative = tokens.accept(TokenKind::minus);
    const Token& number = tokens.peek();
    if (number.kind != TokenKind::number)
        throw tokens.error(first, "expected a whole number of periods");
    tokens.next();
    const double k = negative ? -number.number : number.number;
    if (k != std::floor(k) || std::abs(k) > 1000000)
        throw tokens.error(first, "the number of periods must be a whole number (at most 10^6)");
    return static_cast<int>(k);
}

Expr parse_whole_expression(const Source& source) {
    TokenStream tokens(source);
    if (tokens.at(TokenKind::end)) throw tokens.error(tokens.peek(), "the expression is empty");
    Expr expr = parse_expression(tokens);
    if (tokens.at(TokenKind::bar)) throw tokens.unexpected(tokens.peek(), "use '||' for 'or'");
    if (!tokens.at(TokenKind::end)) throw tokens.unexpected(tokens.peek());
    return expr;
}

}  // namespace gvcpanel::models
