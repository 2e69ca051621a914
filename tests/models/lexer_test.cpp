#include "models/lexer.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::models {
namespace {

std::vector<TokenKind> kinds(std::string_view text) {
    std::vector<TokenKind> out;
    for (const auto& t : tokenize(Source{text, "test"})) out.push_back(t.kind);
    return out;
}

TEST(Lexer, LongestOperatorWins) {
    using K = TokenKind;
    EXPECT_EQ(kinds("<= < == = != ! && || |"),
              (std::vector<K>{K::less_equal, K::less, K::equal, K::assign, K::not_equal, K::not_, K::and_,
                              K::or_, K::bar, K::end}));
}

TEST(Lexer, NamesNumbersStringsAndPositions) {
    const auto tokens = tokenize(Source{"log_tfp.1 ~ 1.5e3 + .5 + \"a \\\"b\\\"\"", "test"});
    ASSERT_EQ(tokens.size(), 8u);
    EXPECT_EQ(tokens[0].text, "log_tfp.1");
    EXPECT_EQ(tokens[2].kind, TokenKind::number);
    EXPECT_EQ(tokens[2].number, 1500.0);
    EXPECT_EQ(tokens[2].position, 12u);
    EXPECT_EQ(tokens[2].end, 17u);
    EXPECT_EQ(tokens[4].number, 0.5);
    EXPECT_EQ(tokens[6].kind, TokenKind::string);
    EXPECT_EQ(tokens[6].text, "a \"b\"");
    EXPECT_EQ(tokens[7].position, 34u);
}

TEST(Lexer, BadInputIsAnError) {
    EXPECT_THROW(tokenize(Source{"x $", "test"}), Error);
    EXPECT_THROW(tokenize(Source{"\"open", "test"}), Error);
    EXPECT_THROW(tokenize(Source{"x \x01", "test"}), Error);
    EXPECT_THROW(tokenize(Source{"3abc", "test"}), Error);
}

TEST(Lexer, StreamStaysAtTheEnd) {
    TokenStream stream(Source{"x", "test"});
    stream.next();
    EXPECT_TRUE(stream.at(TokenKind::end));
    stream.next();
    EXPECT_TRUE(stream.at(TokenKind::end));
    EXPECT_THROW(stream.expect(TokenKind::tilde, "'~'"), Error);
}

}  // namespace
}  // namespace gvcpanel::models
