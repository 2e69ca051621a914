#include <gtest/gtest.h>

#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <string>

#include "data/error.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

using testing::reference_data;
using testing::temp_dir;

// Column sums are compared with R's, which accumulates in long double: a different rounding
// order, good to ~1e-15 per addition over 200 values.
constexpr double kSumRtol = 1e-13;

// One directory per test (temp_dir() starts a fresh one on each call).
std::string test_dir() {
    static std::string test, dir;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name = std::string(info->test_suite_name()) + "." + info->name();
    if (name != test) {
        test = name;
        dir = temp_dir();
    }
    return dir;
}

std::string write_file(const std::string& name, const std::string& content) {
    const std::string path = test_dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

// The message of the Error that reading `path` throws, or "" when it does not throw.
std::string read_error(const std::string& path, const ReadOptions& options = {}) {
    try {
        read_csv(path, options);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(ReadCsv, GrunfeldMatchesTheFileAndRsSums) {
    const std::string path = reference_data("grunfeld.csv");
    const Frame f = read_csv(path);
    ASSERT_EQ(f.rows(), 200u);
    EXPECT_EQ(f.names(), (std::vector<std::string>{"firm", "year", "inv", "value", "capital"}));
    EXPECT_EQ(f.column("firm").type, ColumnType::integer);
    EXPECT_EQ(f.column("year").type, ColumnType::integer);
    EXPECT_EQ(f.column("inv").type, ColumnType::numeric);
    // First and last rows as written in the file; decimal text parses to the nearest double
    // exactly, as the compiler parses the same literal.
    EXPECT_EQ(f.column("firm").integers.front(), 1);
    EXPECT_EQ(f.column("year").integers.front(), 1935);
    EXPECT_EQ(f.column("inv").numbers.front(), 317.6);
    EXPECT_EQ(f.column("value").numbers.front(), 3078.5);
    EXPECT_EQ(f.column("capital").numbers.back(), 14.33);
    EXPECT_EQ(f.column("year").integers.back(), 1954);
    // R 4.2.2, data.table 1.14.8: format(colSums(fread("grunfeld.csv")), digits = 17)
    const auto sum = [&](const char* name) {
        const auto v = f.column(name).to_doubles();
        return std::accumulate(v.begin(), v.end(), 0.0);
    };
    EXPECT_CLOSE("sum(firm)", sum("firm"), 1100.0, kSumRtol);
    EXPECT_CLOSE("sum(year)", sum("year"), 388900.0, kSumRtol);
    EXPECT_CLOSE("sum(inv)", sum("inv"), 29191.650000000001, kSumRtol);
    EXPECT_CLOSE("sum(value)", sum("value"), 216336.220000000001, kSumRtol);
    EXPECT_CLOSE("sum(capital)", sum("capital"), 55203.43, kSumRtol);
}

TEST(ReadCsv, InfersIntegerNumericAndCategoricalColumns) {
    const auto path = write_file("types.csv",
                                 "id,x,name,big\n"
                                 "1,2.5,b,9223372036854775807\n"
                                 "-2,+3,a,1\n"
                                 "+3,1e2,B,99999999999999999999\n");
    const Frame f = read_csv(path);
    const auto& id = f.column("id");
    EXPECT_EQ(id.type, ColumnType::integer);
    EXPECT_EQ(id.integers, (std::vector<std::int64_t>{1, -2, 3}));
    const auto& x = f.column("x");
    EXPECT_EQ(x.type, ColumnType::numeric);
    EXPECT_EQ(x.numbers, (std::vector<double>{2.5, 3.0, 100.0}));
    const auto& name = f.column("name");
    EXPECT_EQ(name.type, ColumnType::categorical);
    EXPECT_EQ(name.levels, (std::vector<std::string>{"B", "a", "b"}));  // byte-wise order
    EXPECT_EQ(name.codes, (std::vector<std::int32_t>{2, 1, 0}));
    // A whole number beyond int64 keeps its column as text, every digit kept (issue 17 item 3).
    EXPECT_EQ(f.column("big").type, ColumnType::categorical);
    EXPECT_EQ(f.column("big").text(0), "9223372036854775807");
    EXPECT_EQ(f.column("big").text(2), "99999999999999999999");
}

// Issue 17 item 3: 20-digit firm codes read as doubles merged (six firms became one). Whole
// numbers keep every digit: int64 up to its limit, text beyond it; in a column of reals a wide
// whole number is a real like the others.
TEST(ReadCsv, WideWholeNumbersKeepEveryDigit) {
    std::string csv = "firm,code19,mixed\n";
    for (int i = 0; i < 6; ++i)
        csv += "9133010012345678901" + std::to_string(i) + ",912345678901234567" + std::to_string(i) + "," +
               (i == 0 ? "91330100123456789012" : "0.5") + "\n";
    const Frame f = read_csv(write_file("firms.csv", csv));
    const auto& firm = f.column("firm");
    ASSERT_EQ(firm.type, ColumnType::categorical);
    EXPECT_EQ(firm.levels.size(), 6u);
    EXPECT_EQ(firm.text(5), "91330100123456789015");
    const auto& code = f.column("code19");
    ASSERT_EQ(code.type, ColumnType::integer);
    EXPECT_EQ(code.integers[5], 9123456789012345675);
    const auto& mixed = f.column("mixed");
    ASSERT_EQ(mixed.type, ColumnType::numeric);
    EXPECT_EQ(mixed.numbers[0], 91330100123456789012.0);
    EXPECT_EQ(mixed.numbers[1], 0.5);
}

// Every decimal text must read as the nearest double, as strtod (correctly rounded in glibc)
// reads it: shortest round-trip texts and texts of 1 to 17 significant digits, with and without
// exponents, across magnitudes (both the fast path and fast_float are exercised). Asked for, the
// double plus its decimal residue is the nearest long double, as strtold reads it.
TEST(ReadCsv, NumbersReadAsTheNearestDoubleLikeStrtodAndResiduesAddUpToStrtold) {
    std::string csv = "x\n";
    std::vector<std::string> texts;
    std::uint64_t state = 12345;
    char buffer[64];
    for (int i = 0; i < 20'000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const double mantissa = static_cast<double>(state >> 11) * 0x1.0p-53 - 0.5;
        const double x = std::ldexp(mantissa, static_cast<int>(state % 120) - 60);
        const int digits = 1 + static_cast<int>((state >> 7) % 17);
        const auto fixed = (state >> 3) % 3 == 0;
        const auto end = fixed ? std::to_chars(buffer, buffer + sizeof buffer, x)
                               : std::to_chars(buffer, buffer + sizeof buffer, x,
                                               std::chars_format::general, digits);
        texts.emplace_back(buffer, end.ptr);
        csv += texts.back() + "\n";
    }
    const std::string path = write_file("decimals.csv", csv);
    const Frame f = read_csv(path);
    ASSERT_EQ(f.column("x").type, ColumnType::numeric);
    for (std::size_t r = 0; r < texts.size(); ++r)
        ASSERT_EQ(f.column("x").numbers[r], std::strtod(texts[r].c_str(), nullptr)) << texts[r];
    ReadOptions precise;
    precise.decimal_residues = true;
    const Frame g = read_csv(path, precise);
    const Column& x = g.column("x");
    ASSERT_EQ(x.residues.size(), texts.size());
    for (std::size_t r = 0; r < texts.size(); ++r)
        ASSERT_EQ(static_cast<long double>(x.numbers[r]) + x.residues[r],
                  std::strtold(texts[r].c_str(), nullptr)) << texts[r];
}

// Residues are recorded only when asked for, for numeric columns (integer columns are exact),
// whichever way a cell is read: plain, quoted, with an exponent, an integer in a numeric column.
TEST(ReadCsv, DecimalResiduesOnlyWhenAskedForAndExact) {
    const std::string path =
        write_file("residues.csv", "x,y,n\n1,0.05,3\n0.1,NA,4\n\"0.3\",2.5E-01,5\n");
    EXPECT_TRUE(read_csv(path).column("x").residues.empty());
    ReadOptions precise;
    precise.decimal_residues = true;
    const Frame f = read_csv(path, precise);
    const Column& x = f.column("x");
    const Column& y = f.column("y");
    ASSERT_EQ(x.residues.size(), 3u);
    ASSERT_EQ(y.residues.size(), 3u);
    EXPECT_TRUE(f.column("n").residues.empty());
    EXPECT_EQ(x.residues[0], 0.0);
    EXPECT_NE(x.residues[1], 0.0);  // 0.1 is not a double: the residue carries what it lost
    EXPECT_EQ(static_cast<long double>(x.numbers[1]) + x.residues[1], 0.1L);
    EXPECT_EQ(static_cast<long double>(x.numbers[2]) + x.residues[2], 0.3L);
    EXPECT_EQ(static_cast<long double>(y.numbers[0]) + y.residues[0], 0.05L);
    EXPECT_TRUE(std::isnan(y.numbers[1]));
    EXPECT_EQ(y.residues[2], 0.0);  // 0.25 is a double
    EXPECT_EQ(x.to_long_doubles(), (std::vector<long double>{1.0L, 0.1L, 0.3L}));
}

TEST(ReadCsv, DefaultMissingMarkersInEveryColumnType) {
    const auto path = write_file("missing.csv",
                                 "i,x,s\n"
                                 "1,NA,a\n"
                                 ",1.5,.\n"
                                 ".,,NA\n"
                                 "4,2.5,\n");
    const Frame f = read_csv(path);
    EXPECT_EQ(f.column("i").type, ColumnType::integer);
    EXPECT_EQ(f.column("i").integers, (std::vector<std::int64_t>{1, kMissingInteger, kMissingInteger, 4}));
    EXPECT_EQ(f.column("x").type, ColumnType::numeric);
    EXPECT_TRUE(std::isnan(f.column("x").numbers[0]));
    EXPECT_TRUE(std::isnan(f.column("x").numbers[2]));
    EXPECT_EQ(f.column("s").type, ColumnType::categorical);
    EXPECT_EQ(f.column("s").levels, (std::vector<std::string>{"a"}));
    EXPECT_EQ(f.column("s").codes, (std::vector<std::int32_t>{0, kMissingCode, kMissingCode, kMissingCode}));
}

TEST(ReadCsv, ConfigurableMissingMarkersIncludingNumericLookingOnes) {
    const auto path = write_file("codes.csv", "x,s\n-999,n/a\n2,NA\n");
    ReadOptions options;
    options.missing = {"-999", "n/a"};
    const Frame f = read_csv(path, options);
    EXPECT_EQ(f.column("x").integers, (std::vector<std::int64_t>{kMissingInteger, 2}));
    EXPECT_EQ(f.column("s").levels, (std::vector<std::string>{"NA"}));  // "NA" is text now
    EXPECT_EQ(f.column("s").codes, (std::vector<std::int32_t>{kMissingCode, 0}));
}

TEST(ReadCsv, DetectsSemicolonAndTabOrTakesTheGivenDelimiter) {
    const Frame semicolon = read_csv(write_file("semi.csv", "a;b\n1.5;x\n"));
    EXPECT_EQ(semicolon.names(), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(semicolon.column("a").numbers, (std::vector<double>{1.5}));
    const Frame tab = read_csv(write_file("tab.tsv", "a\tb c\n1\t2\n"));
    EXPECT_EQ(tab.names(), (std::vector<std::string>{"a", "b c"}));
    EXPECT_EQ(tab.column("b c").integers, (std::vector<std::int64_t>{2}));
    ReadOptions pipe;
    pipe.delimiter = '|';
    const Frame given = read_csv(write_file("pipe.txt", "a|b\n1|2\n"), pipe);
    EXPECT_EQ(given.column("b").integers, (std::vector<std::int64_t>{2}));
}

TEST(ReadCsv, QuotedFieldsWithDelimitersDoubledQuotesAndNewlines) {
    const auto path = write_file("quoted.csv",
                                 "\"name, full\",note,n\n"
                                 "\"Smith, J\",\"said \"\"hi\"\"\",\"3\"\n"
                                 "plain,\"two\nlines\",4\n");
    const Frame f = read_csv(path);
    EXPECT_EQ(f.column("name, full").levels, (std::vector<std::string>{"Smith, J", "plain"}));
    EXPECT_EQ(f.column("note").levels, (std::vector<std::string>{"said \"hi\"", "two\nlines"}));
    EXPECT_EQ(f.column("n").integers, (std::vector<std::int64_t>{3, 4}));
}

TEST(ReadCsv, ByteOrderMarkCrlfAndBlankLines) {
    const auto path = write_file("windows.csv", "\xEF\xBB\xBFid,x\r\n1,2.5\r\n\r\n2,3.5\r\n");
    const Frame f = read_csv(path);
    EXPECT_EQ(f.names(), (std::vector<std::string>{"id", "x"}));
    EXPECT_EQ(f.column("id").integers, (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(f.column("x").numbers, (std::vector<double>{2.5, 3.5}));
}

// Issue 17 item 5: a file whose lines end in "\r" alone (old Mac) was read as one line and gave
// "duplicate column name"; the line-end convention is detected.
TEST(ReadCsv, CarriageReturnLineEndsAreDetected) {
    const auto path = write_file("mac.csv", "firm,year,note\r1,2001,c\r1,2002,\"a\rb\"\r2,2001,d\r");
    const Frame f = read_csv(path);
    EXPECT_EQ(f.names(), (std::vector<std::string>{"firm", "year", "note"}));
    EXPECT_EQ(f.column("year").integers, (std::vector<std::int64_t>{2001, 2002, 2001}));
    EXPECT_EQ(f.column("note").text(1), "a\nb");
    const auto ragged = write_file("mac_ragged.csv", "a,b\r1,2\r3\r");
    EXPECT_EQ(read_error(ragged), ragged + ":3:2: row has 1 field, the header has 2");
}

// A file cut short ends inside a line; a complete one ends with a line end (every peer writes
// one), so a missing last line end is an error, located at the end of that line.
TEST(ReadCsv, ALastLineWithoutLineEndIsAnError) {
    const auto cut = write_file("cut.csv", "id,x\n1,2.5\n2,3.1");
    EXPECT_EQ(read_error(cut), cut + ":3:6: the last line has no line end, as in a file cut short (a full disk, "
                                     "an interrupted copy); if the file is complete, end it with a newline");
    const auto crlf = write_file("cut_crlf.csv", "id,x\r\n1,2.5\r\n2,3");
    EXPECT_NE(read_error(crlf).find(crlf + ":3:4: the last line has no line end"), std::string::npos);
}

TEST(ReadCsv, SpacesAroundUnquotedCellsAreDroppedButKeptInQuotes) {
    const Frame f = read_csv(write_file("spaced.csv",
                                        "id, x , name\n"
                                        "1, 2.5, alpha \n"
                                        " 2 ,3,\" beta \"\n"
                                        "3, NA ,   \n"));
    EXPECT_EQ(f.names(), (std::vector<std::string>{"id", "x", "name"}));
    EXPECT_EQ(f.column("id").integers, (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(f.column("x").type, ColumnType::numeric);
    EXPECT_TRUE(std::isnan(f.column("x").numbers[2]));
    EXPECT_EQ(f.column("name").levels, (std::vector<std::string>{" beta ", "alpha"}));
    EXPECT_EQ(f.column("name").codes, (std::vector<std::int32_t>{1, 0, kMissingCode}));
}

TEST(ReadCsv, EmptyHeaderNamesBecomeVk) {
    const Frame f = read_csv(write_file("rownames.csv", "\"\",x\n\"1\",2\n"));
    EXPECT_EQ(f.names(), (std::vector<std::string>{"V1", "x"}));
}

TEST(ReadCsv, ProjectionReadsOnlyTheNamedColumnsInTheGivenOrder) {
    ReadOptions options;
    options.columns = {"capital", "firm"};
    const Frame f = read_csv(reference_data("grunfeld.csv"), options);
    EXPECT_EQ(f.names(), (std::vector<std::string>{"capital", "firm"}));
    EXPECT_EQ(f.rows(), 200u);
    EXPECT_EQ(f.column("capital").numbers.front(), 2.8);
}

TEST(ReadCsv, UnknownProjectedColumnSuggestsTheClosestName) {
    ReadOptions options;
    options.columns = {"captal"};
    const auto path = reference_data("grunfeld.csv");
    EXPECT_EQ(read_error(path, options), path + ": no column 'captal'; did you mean 'capital'?");
}

// Issue 17 item 1: a numeric column with a few stray tokens became a factor with one level per
// value. Mostly numbers with some other cells is an error at the first of them, naming --na and
// --decimal; a column of mostly text is a factor; the options read the file.
TEST(ReadCsv, StrayTokensInAColumnOfNumbersAreAnErrorAtTheFirstOne) {
    std::string csv = "firm,export_share,region\n";
    for (int r = 0; r < 40; ++r)
        csv += std::to_string(r) + "," + (r == 7 ? "n/a" : r == 21 ? "-" : "0." + std::to_string(r + 10)) + ",R" +
               std::to_string(r % 3) + "\n";
    const auto path = write_file("stray.csv", csv);
    const std::string error = read_error(path);
    EXPECT_EQ(error.rfind(path + ":9:3: column 'export_share' holds numbers, but \"n/a\" is not one (2 of its 40 "
                                 "non-missing cells are not numbers): if \"n/a\" marks a missing value, add --na \"n/a\"",
                          0),
              0u)
        << error;
    EXPECT_NE(error.find("--decimal ,"), std::string::npos) << error;
    EXPECT_NE(error.find("--text export_share"), std::string::npos) << error;
    ReadOptions na;
    na.missing.insert(na.missing.end(), {"n/a", "-"});
    const Frame f = read_csv(path, na);
    EXPECT_EQ(f.column("export_share").type, ColumnType::numeric);
    EXPECT_TRUE(std::isnan(f.column("export_share").numbers[7]));
    EXPECT_EQ(f.column("export_share").numbers[8], 0.18);
    EXPECT_EQ(f.column("region").type, ColumnType::categorical);  // text: a factor
    // As text, or as a column a model uses only as a category, it is a factor as written.
    ReadOptions text;
    text.text_columns = {"export_share"};
    EXPECT_EQ(read_csv(path, text).column("export_share").text(7), "n/a");
    ReadOptions category;
    category.category_columns = {"export_share"};
    EXPECT_EQ(read_csv(path, category).column("export_share").type, ColumnType::categorical);
}

TEST(ReadCsv, StrayTokensAreFoundInAnyColumnAndAcrossChunks) {
    constexpr std::size_t kRows = 200'000;  // several chunks; the token near the end
    std::string csv = "id,quoted,x\n";
    for (std::size_t r = 0; r < kRows; ++r)
        csv += std::to_string(r) + ",\"a\nb\"," + (r == kRows - 3 ? "#N/A" : std::to_string(r % 97) + ".25") + "\n";
    const auto path = write_file("late_stray.csv", csv);
    ReadOptions two;
    two.threads = 2;
    const std::string error = read_error(path, two);
    const std::string line = std::to_string(2 * (kRows - 3) + 3);  // records span two lines
    EXPECT_EQ(error.rfind(path + ":" + line + ":4: column 'x' holds numbers, but \"#N/A\" is not one (1 of its " +
                              std::to_string(kRows) + " non-missing cells is not a number",
                          0),
              0u)
        << error;
}

// Decimal commas: in a ';'-separated file "0,35" is a number written with a decimal comma; read
// without --decimal , it is the error's first suggestion; read with it, the numbers are exact.
TEST(ReadCsv, DecimalCommasNeedTheDecimalOption) {
    const auto path = write_file("comma.csv", "firm;share;name\n1;0,35;a\n2;1,5e2;b\n3;-2;c\n4;;d\n");
    const std::string error = read_error(path);
    EXPECT_EQ(error.rfind(path + ":2:3: column 'share' holds numbers, but \"0,35\" is not one (2 of its 3 "
                                 "non-missing cells are not numbers): if the file writes decimals with a comma, add "
                                 "--decimal ,",
                          0),
              0u)
        << error;
    ReadOptions comma;
    comma.decimal = ',';
    comma.decimal_residues = true;
    const Frame f = read_csv(path, comma);
    EXPECT_EQ(f.column("share").type, ColumnType::numeric);
    EXPECT_EQ(f.column("share").numbers[0], 0.35);
    EXPECT_EQ(f.column("share").numbers[1], 150.0);
    EXPECT_EQ(f.column("share").numbers[2], -2.0);
    EXPECT_TRUE(std::isnan(f.column("share").numbers[3]));
    EXPECT_EQ(static_cast<long double>(f.column("share").numbers[0]) + f.column("share").residues[0], 0.35L);
    // The decimal comma cannot separate fields: detection picks ';' or tab, and ',' given is an error.
    ReadOptions both;
    both.decimal = ',';
    both.delimiter = ',';
    EXPECT_EQ(read_error(path, both),
              "ReadOptions.decimal = ',': the decimal mark cannot also separate fields (a decimal-comma file is "
              "separated by ';' or tab)");
}

TEST(ReadCsv, ANonNumberInARequiredNumericColumnNamesLineAndColumn) {
    const auto path = write_file("exports.csv", "firm,exports\n1,2.5\n2,n/a\n");
    ReadOptions options;
    options.numeric_columns = {"exports"};
    EXPECT_EQ(read_error(path, options), path + ":3:3: column 'exports': \"n/a\" is not a number");
    // Without the requirement the column is text.
    EXPECT_EQ(read_csv(path).column("exports").type, ColumnType::categorical);
}

TEST(ReadCsv, RaggedRowsNameTheFieldCounts) {
    const auto more = write_file("more.csv", "a,b,c\n1,2,3\n1,2,3,4,5\n");
    EXPECT_EQ(read_error(more), more + ":3:7: row has 5 fields, the header has 3");
    const auto fewer = write_file("fewer.csv", "a,b,c\n1,2,3\n1,2\n");
    EXPECT_EQ(read_error(fewer), fewer + ":3:4: row has 2 fields, the header has 3");
}

TEST(ReadCsv, UnterminatedQuotePointsAtTheOpeningQuote) {
    const auto path = write_file("open.csv", "a,b\n1,\"never\nclosed\n");
    EXPECT_EQ(read_error(path), path + ":2:3: this quote is never closed");
    const auto header = write_file("open_header.csv", "a,\"b\n1,2\n");
    EXPECT_EQ(read_error(header), header + ":1:3: this quote is never closed");
}

TEST(ReadCsv, TextAfterAClosingQuoteIsAnError) {
    const auto path = write_file("after.csv", "a,b\n1,\"x\ny\"z\n");
    EXPECT_EQ(read_error(path),
              path + ":3:3: text after the closing quote of a quoted field (a quote inside a field "
                     "is written as two quotes)");
}

TEST(ReadCsv, InvalidOptionsNameTheFieldAndValue) {
    const auto path = write_file("ok.csv", "firm,exports\n1,2\n");
    ReadOptions quote;
    quote.delimiter = '"';
    EXPECT_EQ(read_error(path, quote), "ReadOptions.delimiter: a quote or a line end cannot separate fields");
    ReadOptions threads;
    threads.threads = -1;
    EXPECT_EQ(read_error(path, threads), "ReadOptions.threads = -1: must be 0 (all cores) or a positive count");
    ReadOptions numeric;
    numeric.numeric_columns = {"export"};
    EXPECT_EQ(read_error(path, numeric), path + ": no column 'export'; did you mean 'exports'?");
}

TEST(ReadCsv, DuplicateColumnNamesAreAnError) {
    const auto path = write_file("dup.csv", "a,b,a\n1,2,3\n");
    EXPECT_EQ(read_error(path), path + ":1:5: duplicate column name 'a' (also column 1)");
}

TEST(ReadCsv, EmptyFileAndHeaderOnlyAreErrors) {
    const auto empty = write_file("empty.csv", "");
    EXPECT_EQ(read_error(empty), empty + ":1:1: the file is empty; expected a header row with column names");
    const auto header = write_file("header.csv", "a,b\n");
    EXPECT_EQ(read_error(header), header + ":2:1: no data rows after the header");
}

TEST(ReadCsv, MissingFileAndDirectoryAreErrors) {
    const std::string dir = test_dir();
    EXPECT_EQ(read_error(dir + "/absent.csv"), "cannot open " + dir + "/absent.csv: No such file or directory");
    EXPECT_EQ(read_error(dir), "cannot read " + dir + ": it is a directory, not a file");
}

TEST(ReadCsv, UnreadableFileIsAnError) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
    const auto path = write_file("locked.csv", "a\n1\n");
    ::chmod(path.c_str(), 0);
    EXPECT_EQ(read_error(path), "cannot open " + path + ": Permission denied");
}

TEST(ReadCsv, BinaryGarbageIsAnError) {
    const auto path = write_file("binary.csv", std::string("a,b\n1,\x01\x00\x02\n", 10));
    EXPECT_EQ(read_error(path), path + ":2:4: NUL byte: this looks like a binary file, not CSV");
    const auto zip = write_file("zip.csv", std::string("PK\x03\x04\x14\x00\x00", 7));
    EXPECT_EQ(read_error(zip), zip + ":1:6: NUL byte: this looks like a binary file, not CSV");
    const auto gzip = write_file("gzip.csv", std::string("\x1f\x8b\x08\x00\x00\x00\x00", 7));
    EXPECT_EQ(read_error(gzip), gzip + ":1:1: the file is gzip-compressed; decompress it first");
    const auto utf16 = write_file("utf16.csv", std::string("\xFF\xFE" "a\x00,\x00" "b\x00", 8));
    EXPECT_EQ(read_error(utf16), utf16 + ":1:1: the file is UTF-16 text; save it as UTF-8");
}

TEST(ReadCsv, AVeryLongLineIsReadWhole) {
    const std::string long_text(5'000'000, 'x');
    const Frame f = read_csv(write_file("long.csv", "id,text\n1," + long_text + "\n2,y\n"));
    ASSERT_EQ(f.rows(), 2u);
    EXPECT_EQ(f.column("text").levels.front().size(), long_text.size());
    EXPECT_EQ(f.column("id").integers, (std::vector<std::int64_t>{1, 2}));
}

// A file of several chunks: quoted newlines everywhere, so guessed chunk starts fall inside
// quotes, some right before a closing quote (a start there reads that quote as an opening one);
// a column that turns from integer to numeric, and one that turns to text in the last row.
std::string note(std::size_t r) {
    return "line " + std::to_string(r % 7) + (r % 2 == 0 ? "\n,continued" : "\n");
}

std::string many_chunks_csv(std::size_t rows) {
    std::string csv = "id,note,x,late\n";
    for (std::size_t r = 0; r < rows; ++r) {
        csv += std::to_string(r) + ",\"" + note(r) + "\",";
        csv += (r == rows / 2 ? "0.5" : std::to_string(r % 100)) + ",";
        csv += (r + 1 == rows ? "text" : std::to_string(r)) + "\n";
    }
    return csv;
}

TEST(ReadCsv, ParallelChunksAgreeWithOneThreadAcrossQuotedNewlines) {
    constexpr std::size_t kRows = 300'000;  // about 9 MB: several chunks
    const auto path = write_file("chunks.csv", many_chunks_csv(kRows));
    ReadOptions one;
    one.threads = 1;
    one.category_columns = {"late"};  // all numbers but the last: text only as a category
    ReadOptions two = one;
    two.threads = 2;
    const Frame a = read_csv(path, one);
    const Frame b = read_csv(path, two);
    ASSERT_EQ(b.rows(), kRows);
    for (std::size_t r = 0; r < kRows; ++r) ASSERT_EQ(b.column("id").integers[r], static_cast<std::int64_t>(r));
    EXPECT_EQ(b.column("note").levels.size(), 14u);
    EXPECT_EQ(b.column("note").text(kRows - 1), note(kRows - 1));
    EXPECT_EQ(b.column("note").text(kRows - 2), note(kRows - 2));
    EXPECT_EQ(b.column("x").type, ColumnType::numeric);
    EXPECT_EQ(b.column("x").numbers[kRows / 2], 0.5);
    EXPECT_EQ(b.column("x").numbers[kRows - 1], static_cast<double>((kRows - 1) % 100));
    EXPECT_EQ(b.column("late").type, ColumnType::categorical);
    EXPECT_EQ(b.column("late").text(123'456), "123456");
    EXPECT_EQ(b.column("late").text(kRows - 1), "text");
    for (const auto& name : a.names()) {
        EXPECT_EQ(a.column(name).integers, b.column(name).integers) << name;
        EXPECT_EQ(a.column(name).codes, b.column(name).codes) << name;
        EXPECT_EQ(a.column(name).levels, b.column(name).levels) << name;
    }
}

TEST(ReadCsv, ErrorsDeepInALaterChunkCountLinesAcrossChunks) {
    constexpr std::size_t kRows = 300'000;
    std::string csv = many_chunks_csv(kRows);
    csv += "1,2\n";  // each record above spans two lines, after the one header line
    const auto path = write_file("late_error.csv", csv);
    ReadOptions options;
    options.threads = 2;
    EXPECT_EQ(read_error(path, options),
              path + ":" + std::to_string(2 * kRows + 2) + ":4: row has 2 fields, the header has 4");
}

}  // namespace
}  // namespace gvcpanel::data
