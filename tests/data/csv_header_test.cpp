#include "data/csv_header.hpp"

#include <gtest/gtest.h>

#include <string>

#include "data/error.hpp"

namespace gvcpanel::data::csv {
namespace {

Header parse(const std::string& text, char delimiter = 0) {
    return parse_header(text.data(), text.data() + text.size(), delimiter, "t.csv");
}

TEST(CsvHeader, DetectsTheMostFrequentDelimiterOutsideQuotes) {
    EXPECT_EQ(parse("a;b;c,d\n").delimiter, ';');
    EXPECT_EQ(parse("a\tb\n").delimiter, '\t');
    EXPECT_EQ(parse("\"x;y;z\",b\n").delimiter, ',');  // the semicolons are inside quotes
    EXPECT_EQ(parse("single\n").delimiter, ',');
    EXPECT_EQ(parse("a;b\n", ',').names, (std::vector<std::string>{"a;b"}));
}

TEST(CsvHeader, SkipsTheByteOrderMarkAndFindsTheDataStart) {
    const std::string text = "\xEF\xBB\xBF\"two\nlines\",b\r\n1,2\n";
    const Header header = parse_header(text.data(), text.data() + text.size(), 0, "t.csv");
    EXPECT_EQ(header.names, (std::vector<std::string>{"two\nlines", "b"}));
    EXPECT_EQ(header.lines, 2u);
    EXPECT_EQ(std::string(header.data_start), "1,2\n");
}

TEST(CsvHeader, HeaderWithoutNewlineEndsAtTheFileEnd) {
    const std::string text = "a,b";
    const Header header = parse_header(text.data(), text.data() + text.size(), 0, "t.csv");
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
