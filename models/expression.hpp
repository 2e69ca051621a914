// The expression language shared by I(...) in formulas, --subset and --weights: numbers, column
// names, "strings", arithmetic (+ - * / ^, unary minus), comparisons (== != < <= > >=), &&, ||, !,
// membership x %in% c(1, 2) or g %in% c("a", "b"), parentheses, and the calls log exp sqrt abs,
// is.na(x), I(x), the panel operators l(x,k) f(x,k) d(x,k), and the sample statistics scale(x),
// center(x), mean(x), each optionally by group: mean(x, by = g) (models/evaluate.hpp says on which
// rows they are computed). Precedence, loosest first, as in R: || ; && ; ! ; comparisons ; + - ;
// * / ; %in% ; unary minus ; ^ (right to left, so -x^2 is -(x^2) and 2^-1 works).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "models/lexer.hpp"

namespace gvcpanel::models {

struct Expr {
    enum class Kind {
        number,    // a literal: `value`
        string,    // a literal in double quotes: `text`
        column,    // a column name: `text`
        negate,    // -a
        not_,      // !a
        binary,    // a <op> b; `op` is one of + - * / ^ == != < <= > >= && ||
        function,  // `text`(a) for log exp sqrt abs is.na
        shift,     // panel operator `text` in l f d with `lag`: l(a,k), f(a,k), d(a,k)
        in,        // a %in% c(v1, v2, ...): args[0] is a, args[1..] the literals (numbers or strings)
        statistic, // `text`(a) for scale center mean; args[1], when present, the `by = g` column
    };
    Kind kind = Kind::number;
    TokenKind op = TokenKind::end;  // binary operator
    std::string text;
    double value = 0;
    int lag = 0;                  // shift: periods back (l, d) or forward (f)
    std::vector<Expr> args;       // operands
    std::size_t position = 0;     // where the node starts (for the caret), byte offset
    std::size_t end = 0;          // one past its last byte
    std::size_t depth = 1;        // height of the tree below and including this node
};

// The text of [expr.position, expr.end) with blanks removed: the name of a term (conventions.md).
std::string canonical_text(std::string_view source, std::size_t begin, std::size_t end);

// Parses one expression from the stream, stopping before the first token that cannot continue it
// (`~`, `|`, `,`, `)`, `:` or the end).
Expr parse_expression(TokenStream& tokens);
// One operand without binary operators: a literal, a name, a call or a parenthesised expression.
Expr parse_primary(TokenStream& tokens);
// The periods of l(), f() or d() after the comma: an integer, possibly signed.
int parse_lag(TokenStream& tokens);

// A whole text that must be one expression (nothing left over).
Expr parse_whole_expression(const Source& source);

}  // namespace gvcpanel::models
