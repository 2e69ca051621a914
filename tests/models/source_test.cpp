#include "models/source.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::models {
namespace {

TEST(Source, MessageTextAndCaretOnThreeLines) {
    const Source source{"y ~ x + w", "formula"};
    EXPECT_STREQ(source.error(8, "unknown variable 'w'").what(),
                 "formula: unknown variable 'w'\n  y ~ x + w\n          ^");
}

TEST(Source, CaretOnePastTheEnd) {
    const Source source{"x >", "subset"};
    EXPECT_STREQ(source.error(3, "unexpected end").what(), "subset: unexpected end\n  x >\n     ^");
}

TEST(Source, MultiByteCharactersCountOnce) {
    const Source source{"\xC3\xA9t\xC3\xA9 $", "formula"};  // "été $"
    const std::string message = source.error(6, "unexpected character '$'").what();
    EXPECT_EQ(message.substr(message.rfind('\n') + 1), "      ^");
}

}  // namespace
}  // namespace gvcpanel::models
