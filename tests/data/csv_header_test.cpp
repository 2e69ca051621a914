#include "data/csv_header.hpp"

#include <gtest/gtest.h>

#include <string>

#include "data/error.hpp"

namespace gvcpanel::data::csv {
namespace {

Header parse(const std::string& text, char delimiter = 0, char decimal = '.') {
    return parse_header(text.data(), text.data() + text.size(), delimiter, decimal, "t.csv");
}

TEST(CsvHeader, DetectsTheMostFrequentDelimiterOutsideQuotes) {
    EXPECT_EQ(parse("a;b;c,d\n").delimiter, ';');
    EXPECT_EQ(parse("a\tb\n").delimiter, '\t');
    EXPECT_EQ(parse("\"x;y;z\",b\n").delimiter, ',');  // the semicolons are inside quotes
    EXPECT_EQ(parse("single\n").delimiter, ',');
    EXPECT_EQ(parse("a;b\n", ',').names, (std::vector<std::string>{"a;b"}));
    // With a decimal comma the comma cannot separate fields: ';' or tab, whichever is there.
    EXPECT_EQ(parse("a,b;c,d\n", 0, ',').delimiter, ';');
    EXPECT_EQ(parse("a,b,c\td\n", 0, ',').delimiter, '\t');
}

// Issue 17 item 5: lines ending in "\r" alone are told from "\r\n" and "\n" on the header line.
TEST(CsvHeader, DetectsCarriageReturnLineEnds) {
    const auto cr = [](const std::string& text) { return cr_line_ends(text.data(), text.data() + text.size()); };
    EXPECT_TRUE(cr("a,b\r1,2\r"));
    EXPECT_TRUE(cr("a,b\r"));
    EXPECT_TRUE(cr("\"x\ny\",b\r1,2\r"));  // a newline inside quotes is not the line end
    EXPECT_FALSE(cr("a,b\r\n1,2\r\n"));
    EXPECT_FALSE(cr("a,b\n1,\r2\n"));
    EXPECT_FALSE(cr("a,b"));
}

TEST(CsvHeader, SkipsTheByteOrderMarkAndFindsTheDataStart) {
    const std::string text = "\xEF\xBB\xBF\"two\nlines\",b\r\n1,2\n";
    const Header header = parse(text);
    EXPECT_EQ(header.names, (std::vector<std::string>{"two\nlines", "b"}));
    EXPECT_EQ(header.lines, 2u);
    EXPECT_EQ(std::string(header.data_start), "1,2\n");
}

TEST(CsvHeader, HeaderWithoutNewlineEndsAtTheFileEnd) {
    const std::string text = "a,b";
    const Header header = parse(text);
    EXPECT_EQ(header.data_start, text.data() + text.size());
}

TEST(CsvHeader, TextAfterAClosingQuoteOnTheSecondLineOfAName) {
    try {
        parse("a,\"b\nc\"d\n");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(),
                     "t.csv:2:3: text after the closing quote of a quoted field (a quote inside a "
                     "field is written as two quotes)");
    }
}

}  // namespace
}  // namespace gvcpanel::data::csv
