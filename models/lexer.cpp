// Splits formula and subset text into tokens by hand (a dozen token kinds need no generator);
// every token keeps its byte offset so that parse errors can point at it.
#include "models/lexer.hpp"

#include <charconv>
#include <cstdio>

namespace gvcpanel::models {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_letter(c) || is_digit(c) || c == '_' || c == '.'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Symbol {
    std::string_view text;
    TokenKind kind;
};

// Longest first, so that "<=" wins over "<".
constexpr Symbol kSymbols[] = {
    {"==", TokenKind::equal}, {"!=", TokenKind::not_equal}, {"<=", TokenKind::less_equal},
    {">=", TokenKind::greater_equal}, {"&&", TokenKind::and_}, {"||", TokenKind::or_},
    {"%in%", TokenKind::in},
    {"~", TokenKind::tilde}, {"|", TokenKind::bar}, {"+", TokenKind::plus}, {"-", TokenKind::minus},
    {"*", TokenKind::star}, {"/", TokenKind::slash}, {"^", TokenKind::caret}, {":", TokenKind::colon},
    {",", TokenKind::comma}, {"(", TokenKind::left_paren}, {")", TokenKind::right_paren},
    {"[", TokenKind::left_bracket}, {"]", TokenKind::right_bracket}, {"=", TokenKind::assign},
    {"<", TokenKind::less}, {">", TokenKind::greater}, {"!", TokenKind::not_},
};

std::size_t scan_number(const Source& source, std::size_t i, Token& token) {
    const std::string_view s = source.text;
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j < s.size() && s[j] == '.') {
        ++j;
        while (j < s.size() && is_digit(s[j])) ++j;
    }
    if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        std::size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && is_digit(s[k])) {
            j = k;
            while (j < s.size() && is_digit(s[j])) ++j;
        }
    }
    if (j < s.size() && (is_letter(s[j]) || s[j] == '_'))
        throw source.error(i, "a name cannot start with a digit");
    const auto [end, status] = std::from_chars(s.data() + i, s.data() + j, token.number);
    if (status != std::errc() || end != s.data() + j)
        throw source.error(i, "'" + std::string(s.substr(i, j - i)) + "' is not a usable number");
    token.kind = TokenKind::number;
    token.text = std::string(s.substr(i, j - i));
    return j;
}

std::size_t scan_string(const Source& source, std::size_t i, Token& token) {
    const std::string_view s = source.text;
    std::size_t j = i + 1;
    while (j < s.size() && s[j] != '"') {
        if (s[j] == '\\' && j + 1 < s.size() && (s[j + 1] == '"' || s[j + 1] == '\\')) ++j;
        token.text += s[j];
        ++j;
    }
    if (j >= s.size()) throw source.error(i, "this string has no closing '\"'");
    token.kind = TokenKind::string;
    return j + 1;
}

}  // namespace

std::string describe(TokenKind kind) {
    switch (kind) {
        case TokenKind::end: return "the end";
        case TokenKind::identifier: return "a name";
        case TokenKind::number: return "a number";
        case TokenKind::string: return "a string";
        default: break;
    }
    for (const auto& symbol : kSymbols)
        if (symbol.kind == kind) {
            std::string quoted(1, '\'');
            quoted.append(symbol.text).push_back('\'');
            return quoted;
        }
    return "?";
}

std::vector<Token> tokenize(const Source& source) {
    const std::string_view s = source.text;
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (true) {
        while (i < s.size() && is_space(s[i])) ++i;
        Token token;
        token.position = i;
        if (i == s.size()) {
            token.end = i;
            tokens.push_back(std::move(token));
            return tokens;
        }
        const char c = s[i];
        std::size_t j = i;
        if (is_digit(c) || (c == '.' && i + 1 < s.size() && is_digit(s[i + 1]))) {
            j = scan_number(source, i, token);
        } else if (is_letter(c) || c == '_' || c == '.') {
            while (j < s.size() && is_name_char(s[j])) ++j;
            token.kind = TokenKind::identifier;
            token.text = std::string(s.substr(i, j - i));
        } else if (c == '"') {
            j = scan_string(source, i, token);
        } else {
            for (const auto& symbol : kSymbols) {
                if (s.substr(i, symbol.text.size()) == symbol.text) {
                    token.kind = symbol.kind;
                    token.text = std::string(symbol.text);
                    j = i + symbol.text.size();
                    break;
                }
            }
            if (j == i) {
                if (c == '&') throw source.error(i, "use '&&' for 'and'");
                if (c == '\'') throw source.error(i, "strings are written in double quotes");
                if (c == '%') throw source.error(i, "the only operator written with '%' is %in%");
                const auto byte = static_cast<unsigned char>(c);
                if (byte < 0x20 || byte >= 0x7F) {
                    char hex[8];
                    std::snprintf(hex, sizeof hex, "0x%02X", byte);
                    throw source.error(i, "unexpected byte " + std::string(hex));
                }
                throw source.error(i, "unexpected character '" + std::string(1, c) + "'");
            }
        }
        token.end = j;
        tokens.push_back(std::move(token));
        i = j;
    }
}

const Token& TokenStream::peek(std::size_t ahead) const {
    return tokens_[std::min(index_ + ahead, tokens_.size() - 1)];
}

const Token& TokenStream::next() {
    const Token& token = tokens_[index_];
    if (index_ + 1 < tokens_.size()) ++index_;
    return token;
}

bool TokenStream::accept(TokenKind kind) {
    if (!at(kind)) return false;
    next();
    return true;
}

const Token& TokenStream::expect(TokenKind kind, const std::string& what) {
    if (!at(kind)) throw error(peek(), "expected " + what + ", found " + describe(peek().kind));
    return next();
}

Error TokenStream::unexpected(const Token& at, const std::string& hint) const {
    std::string what;
    switch (at.kind) {
        case TokenKind::end: what = "unexpected end"; break;
        case TokenKind::identifier: what = "unexpected name '" + at.text + "'"; break;
        case TokenKind::number: what = "unexpected number '" + at.text + "'"; break;
        default: what = "unexpected " + describe(at.kind); break;
    }
    return error(at, hint.empty() ? what : what + "; " + hint);
}

TokenStream::Nesting::Nesting(TokenStream& stream) : stream_(stream) {
    if (++stream_.depth_ > kMaxDepth) {
        --stream_.depth_;
        throw stream_.error(stream_.peek(), "nested more than " + std::to_string(kMaxDepth) +
                                                " levels deep");
    }
}

}  // namespace gvcpanel::models
