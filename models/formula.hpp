// The model formula, fixest-style (docs/architecture.md):
//   outcome ~ terms | fixed effects | endogenous ~ instruments
// The part after the first that contains '~' is the IV part (so `y ~ x | gvc ~ tariff` has no
// fixed effects). Terms: names; x1:x2 and x1*x2 (= x1 + x2 + x1:x2), also on parenthesised sums;
// log() exp() sqrt() abs(); I(...) arithmetic; i(var), i(var, ref = L), i(var, x); l(x,k),
// l(x,1:3), f(x,k), d(x); sunab(cohort, period) (Sun and Abraham's cohort x relative-period
// indicators, fixest's names); 0 / -1 (no intercept), 1; `- term` removes a term. Fixed effects:
// names and combinations a^b, each with optional varying slopes var[x], var[[x]], var[x1, x2].
// The parse is syntax only: names are checked against the data by the design builder, with the
// same caret messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/expression.hpp"
#include "models/source.hpp"

namespace gvcpanel::models {

// The reference level written in i(var, ref = L): a number, a "string" or a bare name.
struct Level {
    std::string text;          // as written, quotes removed
    bool is_number = false;
    double number = 0;         // when is_number
    std::size_t position = 0;
};

// One factor of an interaction term.
struct Piece {
    enum class Kind { value, factor, sunab };
    Kind kind = Kind::value;
    Expr value;                      // value: an expression; a categorical column here is a factor
    std::string variable;            // factor: the column of i(var); sunab: the cohort
    std::string period;              // sunab: the period column
    std::optional<Level> reference;  // factor: i(var, ref = L)
    std::string name;                // value: as written without blanks; factor: the variable
    std::size_t position = 0;
};

// A term: its pieces are multiplied (x1:x2, i(g, x)); factor pieces expand to one column per level.
struct Term {
    std::vector<Piece> pieces;
    std::string name;              // piece names joined by ':' (conventions.md "Terms and names")
    std::size_t position = 0;
    bool keep_all_levels = false;  // i(var, x): every level gets a slope (as fixest) unless ref =
};

// One fixed-effects dimension: a variable, or a combination a^b (one grouping per distinct pair),
// optionally with varying slopes: firm[x] (an intercept and a slope on x per firm), firm[[x]] (the
// slope only), firm[x1, x2] (several slopes), as fixest.
struct FixedEffect {
    std::vector<std::string> variables;
    std::vector<std::size_t> positions;  // of each variable in the text
    std::string name;                    // "firm", "industry^year" (the grouping, without slopes)
    std::vector<std::string> slopes;     // the variables in brackets; empty without slopes
    std::vector<std::size_t> slope_positions;
    bool slope_intercept = true;         // false for firm[[x]]

    // As written without blanks: "firm[x1,x2]", "firm[[x]]", or the name.
    std::string label() const;
};

struct Formula {
    std::string text;                      // as the user wrote it
    Expr outcome;
    std::string outcome_name;              // as written without blanks: "log(va)"
    std::vector<Term> terms;
    bool intercept = true;                 // false after 0 or -1
    std::vector<FixedEffect> fixed_effects;
    std::vector<Term> endogenous;          // IV part, left of its '~'
    std::vector<Term> instruments;         // IV part, right of its '~' (excluded instruments)

    bool has_iv() const { return !endogenous.empty(); }
    Source source() const { return Source{text, "formula"}; }
};

// Syntax errors are gvcpanel::Error with the formula and a caret under the position.
Formula parse_formula(std::string_view text);

}  // namespace gvcpanel::models
