// Recursive descent over the formula's tokens. Terms are built as lists, so that ':' is the
// product of two lists and '*' is a + b + a:b on lists, which also gives (a + b):c its meaning.
#include "models/formula.hpp"

#include <algorithm>
#include <unordered_set>

#include "models/formula_functions.hpp"

namespace gvcpanel::models {

namespace {

// A product of lists can grow fast ((a+b+c)*(d+e+f)*...); beyond this it is surely a mistake.
constexpr std::size_t kMaxTerms = 10000;
constexpr int kMaxLagsInRange = 1000;

// Two terms are the same when they have the same pieces in any order (a:b = b:a, as R).
std::string term_key(const Term& term) {
    std::vector<std::string> names;
    for (const auto& piece : term.pieces) names.push_back(piece.name);
    std::sort(names.begin(), names.end());
    std::string key;
    for (const auto& name : names) key += name + '\x1f';
    return key;
}

// Terms in the order written, each once.
class TermList {
public:
    void add(Term term) {
        if (keys_.insert(term_key(term)).second) terms_.push_back(std::move(term));
    }
    void remove(const Term& term) {
        if (keys_.erase(term_key(term)) == 0) return;
        const std::string key = term_key(term);
        std::erase_if(terms_, [&](const Term& t) { return term_key(t) == key; });
    }
    std::size_t size() const { return terms_.size(); }
    const std::vector<Term>& terms() const { return terms_; }
    std::vector<Term> release() { return std::move(terms_); }

private:
    std::vector<Term> terms_;
    std::unordered_set<std::string> keys_;
};

TermList single(Term term) {
    TermList list;
    list.add(std::move(term));
    return list;
}

Term make_term(Piece piece) {
    Term term;
    term.name = piece.name;
    term.position = piece.position;
    term.pieces.push_back(std::move(piece));
    return term;
}

class FormulaParser {
public:
    explicit FormulaParser(Formula& formula) : formula_(formula), tokens_(formula.source()) {}

    void parse() {
        if (tokens_.at(TokenKind::end)) throw tokens_.error(tokens_.peek(), "the formula is empty");
        if (tokens_.at(TokenKind::tilde))
            throw tokens_.error(tokens_.peek(), "the formula needs an outcome before '~'");
        check_has_tilde();
        formula_.outcome = parse_expression(tokens_);
        formula_.outcome_name = canonical(formula_.outcome.position, formula_.outcome.end);
        if (!tokens_.at(TokenKind::tilde))
            throw tokens_.unexpected(tokens_.peek(), "expected '~' after the outcome");
        tokens_.next();
        Sum rhs = parse_sum(true);
        formula_.terms = rhs.terms.release();
        formula_.intercept = rhs.intercept.value_or(true);
        finish_part("terms");
        bool seen_fixed_effects = false;
        while (tokens_.accept(TokenKind::bar)) {
            if (part_has_tilde()) {
                parse_iv_part();
                if (tokens_.at(TokenKind::bar))
                    throw tokens_.error(tokens_.peek(), "the IV part (the one with '~') must come last");
                finish_part("IV part");
                break;
            }
            if (seen_fixed_effects)
                throw tokens_.error(tokens_.peek(),
                                    "this part has no '~': after the fixed effects only the IV part can follow, "
                                    "written 'endogenous ~ instruments' (several fixed effects go in one part, "
                                    "joined with '+')");
            seen_fixed_effects = true;
            parse_fixed_effects();
            finish_part("fixed effects");
        }
        if (!tokens_.at(TokenKind::end)) throw tokens_.unexpected(tokens_.peek());
    }

private:
    struct Sum {
        TermList terms;
        std::optional<bool> intercept;  // set by 0, 1, -1, -0
    };

    std::string canonical(std::size_t begin, std::size_t end) const {
        return canonical_text(formula_.text, begin, end);
    }

    // A formula without '~' whose outcome is followed by '=' was meant as "y ~ x": say so at the
    // '=' rather than let the expression parser read it as a comparison.
    void check_has_tilde() const {
        const auto& tokens = tokens_.tokens();
        const auto has = [&](TokenKind kind) {
            return std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) { return t.kind == kind; });
        };
        if (has(TokenKind::tilde)) return;
        const auto assign = std::find_if(tokens.begin(), tokens.end(),
                                         [](const Token& t) { return t.kind == TokenKind::assign; });
        if (assign != tokens.end())
            throw tokens_.error(*assign, "the formula has no '~': the outcome and the terms are separated by "
                                         "'~', not '=' (y ~ x1 + x2)");
    }

    // After a part, only '|' or the end may follow; anything else gets a hint where one helps.
    void finish_part(const std::string& part) {
        const Token& token = tokens_.peek();
        switch (token.kind) {
            case TokenKind::end:
            case TokenKind::bar: return;
            case TokenKind::caret:
                throw tokens_.unexpected(token, "for a power write I(x^2)");
            case TokenKind::slash:
                throw tokens_.unexpected(token, "for arithmetic write I(a/b)");
            case TokenKind::tilde:
                throw tokens_.unexpected(token, "an IV part goes after '|': y ~ x | endogenous ~ instruments");
            case TokenKind::right_paren:
                throw tokens_.error(token, "this ')' has no matching '('");
            default:
                throw tokens_.unexpected(token, "expected '+' or '|' after the " + part);
        }
    }

    // Does the part that starts here contain a '~' before the next '|' (outside parentheses)?
    bool part_has_tilde() const {
        int depth = 0;
        for (std::size_t i = tokens_.index(); i < tokens_.tokens().size(); ++i) {
            const TokenKind kind = tokens_.tokens()[i].kind;
            if (kind == TokenKind::left_paren) ++depth;
            else if (kind == TokenKind::right_paren) --depth;
            else if (depth == 0 && kind == TokenKind::bar) return false;
            else if (depth == 0 && kind == TokenKind::tilde) return true;
        }
        return false;
    }

    bool at_sum_end() const {
        switch (tokens_.peek(1).kind) {
            case TokenKind::plus: case TokenKind::minus: case TokenKind::bar: case TokenKind::tilde:
            case TokenKind::right_paren: case TokenKind::end: return true;
            default: return false;
        }
    }

    Sum parse_sum(bool top) {
        TokenStream::Nesting nesting(tokens_);
        Sum sum;
        TermList removed;
        for (bool first = true;; first = false) {
            bool negative = false;
            if (tokens_.accept(TokenKind::plus)) {
            } else if (tokens_.accept(TokenKind::minus)) {
                negative = true;
            } else if (!first) {
                break;
            }
            const Token& start = tokens_.peek();
            if (start.kind == TokenKind::number && at_sum_end()) {
                if (start.number != 0 && start.number != 1)
                    throw tokens_.error(start, "a number is not a term; write I(...) for arithmetic");
                if (!top)
                    throw tokens_.error(start, "0 and 1 (the intercept) belong among the terms after the first '~'");
                tokens_.next();
                sum.intercept = (start.number == 1) != negative;
                continue;
            }
            for (auto& term : parse_product().release()) {
                if (negative) removed.add(std::move(term));
                else sum.terms.add(std::move(term));
            }
        }
        for (const auto& r : removed.terms()) sum.terms.remove(r);
        return sum;
    }

    TermList cross(const TermList& a, const TermList& b, std::size_t position) {
        TermList out;
        for (const auto& ta : a.terms()) {
            for (const auto& tb : b.terms()) {
                Term term = ta;
                for (const auto& piece : tb.pieces) {
                    const bool repeated = std::any_of(term.pieces.begin(), term.pieces.end(),
                                                      [&](const Piece& p) { return p.name == piece.name; });
                    if (!repeated) {
                        term.name += ":" + piece.name;
                        term.pieces.push_back(piece);
                    }
                }
                term.keep_all_levels = ta.keep_all_levels || tb.keep_all_levels;
                out.add(std::move(term));
                check_size(out.size(), position);
            }
        }
        return out;
    }

    void check_size(std::size_t n, std::size_t position) const {
        if (n > kMaxTerms)
            throw formula_.source().error(position, "more than " + std::to_string(kMaxTerms) +
                                                        " terms; is an interaction too wide?");
    }

    TermList parse_product() {
        TermList lhs = parse_interaction();
        while (tokens_.at(TokenKind::star)) {
            const std::size_t position = tokens_.next().position;
            TermList rhs = parse_interaction();
            TermList both = cross(lhs, rhs, position);
            for (auto& t : rhs.release()) lhs.add(std::move(t));
            for (auto& t : both.release()) lhs.add(std::move(t));
            check_size(lhs.size(), position);
        }
        return lhs;
    }

    TermList parse_interaction() {
        TermList lhs = parse_atom();
        while (tokens_.at(TokenKind::colon)) {
            const std::size_t position = tokens_.next().position;
            lhs = cross(lhs, parse_atom(), position);
        }
        return lhs;
    }

    TermList parse_atom() {
        TokenStream::Nesting nesting(tokens_);
        const Token& token = tokens_.peek();
        switch (token.kind) {
            case TokenKind::left_paren: {
                tokens_.next();
                Sum inner = parse_sum(false);
                tokens_.expect(TokenKind::right_paren, "')' to close this '('");
                return std::move(inner.terms);
            }
            case TokenKind::number:
                throw tokens_.error(token, "a number is not a term; write I(...) for arithmetic, "
                                           "0 or 1 alone for the intercept");
            case TokenKind::string:
                throw tokens_.error(token, "a string is not a term");
            case TokenKind::identifier: break;
            default:
                throw tokens_.unexpected(token, "expected a term");
        }
        if (tokens_.peek(1).kind == TokenKind::left_paren) {
            if (token.text == "sunab") return single(parse_sunab());
            const FormulaFunction* function = find_formula_function(token.text);
            if (function && function->kind == FunctionKind::factor) return single(parse_factor());
            if (function && function->kind == FunctionKind::shift) return parse_shifts();
        }
        Piece piece;
        piece.value = parse_primary(tokens_);
        piece.position = piece.value.position;
        piece.name = canonical(piece.value.position, piece.value.end);
        if (tokens_.at(TokenKind::left_bracket))
            throw tokens_.error(tokens_.peek(), "varying slopes (var[x]) belong in the fixed-effects part");
        return single(make_term(std::move(piece)));
    }

    Level parse_level() {
        Level level;
        const Token& first = tokens_.peek();
        level.position = first.position;
        const bool negative = tokens_.accept(TokenKind::minus);
        const Token& token = tokens_.peek();
        if (token.kind == TokenKind::number) {
            level.is_number = true;
            level.number = negative ? -token.number : token.number;
            level.text = (negative ? "-" : "") + token.text;
        } else if (!negative && (token.kind == TokenKind::string || token.kind == TokenKind::identifier)) {
            level.text = token.text;
        } else {
            throw tokens_.error(first, "expected a level: a number, a \"string\" or a name");
        }
        tokens_.next();
        return level;
    }

    bool at_ref() const {
        return tokens_.peek().kind == TokenKind::identifier && tokens_.peek().text == "ref" &&
               tokens_.peek(1).kind == TokenKind::assign;
    }

    Level parse_reference() {
        tokens_.next();
        tokens_.next();
        return parse_level();
    }

    // i(var), i(var, ref = L), i(var, x), i(var, x, ref = L)
    Term parse_factor() {
        const Token& name = tokens_.next();
        tokens_.next();
        const Token& variable = tokens_.peek();
        if (variable.kind != TokenKind::identifier || tokens_.peek(1).kind == TokenKind::left_paren)
            throw tokens_.error(variable, "i() takes a variable name first: i(var), i(var, x), i(var, ref = level)");
        tokens_.next();
        Piece factor;
        factor.kind = Piece::Kind::factor;
        factor.variable = variable.text;
        factor.name = variable.text;
        factor.position = variable.position;
        std::optional<Piece> slope;
        if (tokens_.accept(TokenKind::comma)) {
            if (at_ref()) {
                factor.reference = parse_reference();
            } else {
                Piece value;
                value.value = parse_expression(tokens_);
                value.position = value.value.position;
                value.name = canonical(value.value.position, value.value.end);
                slope = std::move(value);
                if (tokens_.accept(TokenKind::comma)) {
                    if (!at_ref()) throw tokens_.unexpected(tokens_.peek(), "expected ref = level");
                    factor.reference = parse_reference();
                }
            }
        }
        tokens_.expect(TokenKind::right_paren, "')' to close the '(' of i()");
        Term term = make_term(std::move(factor));
        term.position = name.position;
        if (slope) {
            term.name += ":" + slope->name;
            term.pieces.push_back(std::move(*slope));
            term.keep_all_levels = true;
        }
        return term;
    }

    // sunab(cohort, period): two column names, as fixest's default call.
    Term parse_sunab() {
        const Token& name = tokens_.next();
        tokens_.next();
        std::string variables[2];
        for (int v = 0; v < 2; ++v) {
            const Token& variable = tokens_.peek();
            if (variable.kind != TokenKind::identifier || tokens_.peek(1).kind == TokenKind::left_paren)
                throw tokens_.error(variable, "sunab() takes two column names: sunab(cohort, period)");
            variables[v] = tokens_.next().text;
            if (v == 0) tokens_.expect(TokenKind::comma, "',' and the period column: sunab(cohort, period)");
        }
        if (tokens_.at(TokenKind::comma))
            throw tokens_.error(tokens_.peek(), "sunab() takes two column names only: sunab(cohort, period)");
        const Token& close = tokens_.expect(TokenKind::right_paren, "')' to close the '(' of sunab()");
        Piece piece;
        piece.kind = Piece::Kind::sunab;
        piece.variable = variables[0];
        piece.period = variables[1];
        piece.position = name.position;
        piece.name = canonical(name.position, close.end);
        return make_term(std::move(piece));
    }

    // l(x, k), l(x, a:b), f(...), d(...): one term per period.
    TermList parse_shifts() {
        const Token& name = tokens_.next();
        tokens_.next();
        Expr inner = parse_expression(tokens_);
        int first = 1, last = 1;
        bool range = false;
        if (tokens_.accept(TokenKind::comma)) {
            first = last = parse_lag(tokens_);
            if (tokens_.accept(TokenKind::colon)) {
                range = true;
                const Token& upper = tokens_.peek();
                last = parse_lag(tokens_);
                if (last < first || last - first >= kMaxLagsInRange)
                    throw tokens_.error(upper, "a range of periods goes from low to high (1:3), at most " +
                                                   std::to_string(kMaxLagsInRange) + " of them");
            }
        }
        if (tokens_.at(TokenKind::comma))
            throw tokens_.error(tokens_.peek(), name.text + "() takes a variable and a number of periods");
        const Token& close = tokens_.expect(TokenKind::right_paren, "')' to close the '(' of " + name.text + "()");
        const std::string inner_name = canonical(inner.position, inner.end);
        TermList terms;
        for (int k = first; k <= last; ++k) {
            if (name.text == "d" && k <= 0)
                throw tokens_.error(name, "d() takes a positive number of periods");
            Piece piece;
            piece.position = name.position;
            if (k == 0) {
                piece.value = inner;
                piece.name = inner_name;
            } else {
                piece.value.kind = Expr::Kind::shift;
                piece.value.text = name.text;
                piece.value.lag = k;
                piece.value.position = name.position;
                piece.value.end = close.end;
                piece.value.depth = inner.depth + 1;
                piece.value.args.push_back(inner);
                piece.name = range ? name.text + "(" + inner_name + "," + std::to_string(k) + ")"
                                   : canonical(name.position, close.end);
            }
            terms.add(make_term(std::move(piece)));
        }
        return terms;
    }

    void parse_fixed_effects() {
        do {
            const Token& first = tokens_.peek();
            if (first.kind != TokenKind::identifier || tokens_.peek(1).kind == TokenKind::left_paren)
                throw tokens_.error(first, "a fixed effect is a variable name or a combination such as firm^year");
            FixedEffect effect;
            effect.variables.push_back(first.text);
            effect.positions.push_back(first.position);
            effect.name = first.text;
            tokens_.next();
            while (tokens_.accept(TokenKind::caret)) {
                const Token& next = tokens_.expect(TokenKind::identifier, "a variable name after '^'");
                effect.variables.push_back(next.text);
                effect.positions.push_back(next.position);
                effect.name += "^" + next.text;
            }
            if (tokens_.at(TokenKind::left_bracket)) parse_varying_slopes(effect);
            const std::string label = effect.label();
            const bool repeated = std::any_of(formula_.fixed_effects.begin(), formula_.fixed_effects.end(),
                                              [&](const FixedEffect& e) { return e.label() == label; });
            if (repeated) throw tokens_.error(first, "the fixed effect '" + label + "' appears twice");
            formula_.fixed_effects.push_back(std::move(effect));
        } while (tokens_.accept(TokenKind::plus));
    }

    // [x1, x2] or [[x1, x2]] after a fixed effect: variable names only, as fixest.
    void parse_varying_slopes(FixedEffect& effect) {
        tokens_.next();
        effect.slope_intercept = !tokens_.accept(TokenKind::left_bracket);
        const std::string close_text = effect.slope_intercept ? "]" : "]]";
        if (tokens_.at(TokenKind::right_bracket))
            throw tokens_.error(tokens_.peek(), "empty brackets: name the variables with varying slopes, e.g. " +
                                                    effect.name + "[year]");
        do {
            const Token& slope = tokens_.peek();
            if (slope.kind != TokenKind::identifier || tokens_.peek(1).kind == TokenKind::left_paren)
                throw tokens_.error(slope, "a varying slope is a numeric variable name, e.g. " + effect.name +
                                               "[year] or " + effect.name + "[[year]]");
            if (std::find(effect.slopes.begin(), effect.slopes.end(), slope.text) != effect.slopes.end())
                throw tokens_.error(slope, "the slope '" + slope.text + "' appears twice in the brackets");
            effect.slopes.push_back(slope.text);
            effect.slope_positions.push_back(slope.position);
            tokens_.next();
        } while (tokens_.accept(TokenKind::comma));
        for (std::size_t i = 0; i < close_text.size(); ++i)
            if (!tokens_.accept(TokenKind::right_bracket))
                throw tokens_.unexpected(tokens_.peek(), "expected ',' or '" + close_text +
                                                             "' to close the slopes of '" + effect.name + "'");
    }

    void parse_iv_part() {
        const Token& start = tokens_.peek();
        if (start.kind == TokenKind::tilde)
            throw tokens_.error(start, "the IV part needs the endogenous variables before '~'");
        formula_.endogenous = parse_sum(false).terms.release();
        tokens_.expect(TokenKind::tilde, "'~' between the endogenous variables and the instruments");
        formula_.instruments = parse_sum(false).terms.release();
        if (formula_.endogenous.empty())
            throw tokens_.error(start, "the IV part needs at least one endogenous variable");
    }

    Formula& formula_;
    TokenStream tokens_;
};

}  // namespace

std::string FixedEffect::label() const {
    if (slopes.empty()) return name;
    std::string list;
    for (const auto& slope : slopes) list += (list.empty() ? "" : ",") + slope;
    return slope_intercept ? name + "[" + list + "]" : name + "[[" + list + "]]";
}

Formula parse_formula(std::string_view text) {
    Formula formula;
    formula.text = std::string(text);
    FormulaParser(formula).parse();
    return formula;
}

}  // namespace gvcpanel::models
