// Tokens of the formula and subset languages, with the byte offset where each starts, and a
// cursor over them shared by the formula parser and the expression parser.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "models/source.hpp"

namespace gvcpanel::models {

enum class TokenKind {
    end, identifier, number, string,
    tilde, bar, plus, minus, star, slash, caret, colon, comma,
    left_paren, right_paren, left_bracket, right_bracket, assign,
    equal, not_equal, less, less_equal, greater, greater_equal, and_, or_, not_, in,
};

struct Token {
    TokenKind kind = TokenKind::end;
    std::string text;        // identifier name, string contents, or the characters of the token
    double number = 0;       // kind == number
    std::size_t position = 0;  // byte offset in the source
    std::size_t end = 0;       // one past the last byte
};

// How a token kind reads in a message: "'~'", "a name", "the end".
std::string describe(TokenKind kind);

// Names: a letter, '_' or '.' (not followed by a digit), then letters, digits, '_' and '.'.
// Numbers: decimal with optional fraction and exponent. Strings: "..." with \" and \\ escapes.
// Anything else is an Error with a caret under it.
std::vector<Token> tokenize(const Source& source);

// A cursor over the tokens (the last is always `end`), with a guard on nesting depth so that no
// input, however deep, can exhaust the stack.
class TokenStream {
public:
    static constexpr int kMaxDepth = 200;

    explicit TokenStream(const Source& source) : source_(source), tokens_(tokenize(source)) {}

    const Source& source() const { return source_; }
    const Token& peek(std::size_t ahead = 0) const;
    const Token& next();
    bool at(TokenKind kind) const { return peek().kind == kind; }
    bool accept(TokenKind kind);
    // The next token, which must be `kind`; otherwise "expected <what>" at that token.
    const Token& expect(TokenKind kind, const std::string& what);
    std::size_t index() const { return index_; }
    const std::vector<Token>& tokens() const { return tokens_; }

    Error error(const Token& at, const std::string& what) const { return source_.error(at.position, what); }
    Error unexpected(const Token& at, const std::string& hint = "") const;

    // Scoped nesting: throws when more than kMaxDepth levels are open.
    class Nesting {
    public:
        explicit Nesting(TokenStream& stream);
        ~Nesting() { --stream_.depth_; }
        Nesting(const Nesting&) = delete;
        Nesting& operator=(const Nesting&) = delete;

    private:
        TokenStream& stream_;
    };

private:
    Source source_;
    std::vector<Token> tokens_;
    std::size_t index_ = 0;
    int depth_ = 0;
};

}  // namespace gvcpanel::models
