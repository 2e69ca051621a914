// Reading Excel workbooks: files written by libxlsxwriter (an independent writer) and workbooks
// written here part by part, for what libxlsxwriter never writes (17-digit numbers, rich and
// phonetic text, error values, formula results, the 1904 date system, cells without references).
// Frames are checked against the CSV reader on the same data.
#include "data/read.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>

#include "data/error.hpp"
#include "data/xlsx_sheet.hpp"
#include "reports/zip_writer.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

std::string error_of(const std::function<void()>& read) {
    try {
        read();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

// A workbook whose parts are written here: the sheets' XML (<sheetData> contents), optional shared
// strings and styles.
struct HandmadeSheet {
    std::string name;
    std::string rows;  // the contents of <sheetData>
};

std::string handmade_xlsx(const std::string& dir, const std::vector<HandmadeSheet>& sheets,
                          const std::string& shared_strings = "", const std::string& styles = "",
                          bool date1904 = false) {
    const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::string workbook = "<?xml version=\"1.0\"?><workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel + "\">" +
                           (date1904 ? "<workbookPr date1904=\"1\"/>" : "") + "<sheets>";
    std::string rels = "<?xml version=\"1.0\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    std::vector<reports::ZipEntry> entries;
    for (std::size_t s = 0; s < sheets.size(); ++s) {
        const std::string id = "rId" + std::to_string(s + 1), file = "sheet" + std::to_string(s + 1) + ".xml";
        workbook += "<sheet name=\"" + sheets[s].name + "\" sheetId=\"" + std::to_string(s + 1) + "\" r:id=\"" + id + "\"/>";
        rels += "<Relationship Id=\"" + id + "\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/" + file + "\"/>";
        entries.push_back({"xl/worksheets/" + file, "<?xml version=\"1.0\"?><worksheet xmlns=\"" + main +
                                                        "\"><sheetData>" + sheets[s].rows + "</sheetData></worksheet>"});
    }
    entries.push_back({"xl/workbook.xml", workbook + "</sheets></workbook>"});
    entries.push_back({"xl/_rels/workbook.xml.rels", rels + "</Relationships>"});
    if (!shared_strings.empty())
        entries.push_back({"xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"" + main + "\">" + shared_strings + "</sst>"});
    if (!styles.empty())
        entries.push_back({"xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"" + main + "\">" + styles + "</styleSheet>"});
    const std::string path = dir + "/handmade.xlsx";
    std::ofstream(path, std::ios::binary) << reports::zip_archive(entries);
    return path;
}

double parsed(const char* text) { return std::strtod(text, nullptr); }

TEST(ReadXlsx, SeventeenDigitNumbersAreReadExactly) {
    const auto path = handmade_xlsx(testing::temp_dir(), {{"Data", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>
        <row r="2"><c r="A2"><v>0.30000000000000004</v></c></row>
        <row r="3"><c r="A3"><v>1.7976931348623157E+308</v></c></row>
        <row r="4"><c r="A4"><v>4.9406564584124654E-324</v></c></row>
        <row r="5"><c r="A5"><v>-0.1</v></c></row>
        <row r="6"><c r="A6"><v>123456789.12345679</v></c></row>)"}});
    const auto frame = read_xlsx(path);
    const auto& x = frame.column("x");
    ASSERT_EQ(x.type, ColumnType::numeric);
    const char* written[] = {"0.30000000000000004", "1.7976931348623157E+308", "4.9406564584124654E-324", "-0.1",
                             "123456789.12345679"};
    for (std::size_t row = 0; row < 5; ++row) EXPECT_EQ(x.numbers[row], parsed(written[row])) << written[row];
}

TEST(ReadXlsx, TextOfEveryKindAndMissingValues) {
    const std::string shared = R"(<si><t>id</t></si><si><t>label</t></si><si><t>value</t></si>
        <si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></si>
        <si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>
        <si><t>NA</t></si><si><t xml:space="preserve">  3.25 </t></si>)";
    const auto path = handmade_xlsx(testing::temp_dir(), {{"Data", R"(
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
        <row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>6</v></c></row>
        <row r="3"><c r="A3"><v>2</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="e"><v>#DIV/0!</v></c></row>
        <row r="4"><c><v>3</v></c><c t="str"><f>A4&amp;"x"</f><v>3x</v></c><c t="s"><v>5</v></c></row>
        <row><c r="A5"><v>4</v></c><c r="B5" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="C5" t="b"><v>1</v></c></row>
        <row r="7"><c r="A7"><v>5</v></c></row>)"}},
                                    shared);
    const auto frame = read_xlsx(path);
    ASSERT_EQ(frame.rows(), 5u);  // rows 2-5 and 7; the empty row 6 is skipped as a blank line
    EXPECT_EQ(frame.column("id").type, ColumnType::integer);
    const auto& label = frame.column("label");
    ASSERT_EQ(label.type, ColumnType::categorical);
    EXPECT_EQ(label.text(0), "rich text");
    EXPECT_EQ(label.text(1), "東京");  // the reading aid (rPh) is not part of the text
    EXPECT_EQ(label.text(2), "3x");    // a formula's cached result
    EXPECT_EQ(label.text(3), "inline");
    EXPECT_TRUE(label.is_missing(4));
    const auto& value = frame.column("value");
    ASSERT_EQ(value.type, ColumnType::numeric);  // " 3.25 " stored as text reads as a number
    EXPECT_EQ(value.numbers[0], 3.25);
    EXPECT_TRUE(value.is_missing(1));  // #DIV/0!
    EXPECT_TRUE(value.is_missing(2));  // "NA"
    EXPECT_EQ(value.numbers[3], 1.0);  // TRUE
    EXPECT_TRUE(value.is_missing(4));  // no cell
}

// Excel's serial days (1900 system: 1 = 1900-01-01, 60 = the fictitious 1900-02-29, 38718 =
// 2006-01-01; the 1904 system counts from 1904-01-01, 1462 days later) through built-in (14, 22)
// and custom formats, against dates computed by hand.
TEST(ReadXlsx, DatesInBothDateSystems) {
    const std::string styles = R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/>
        <numFmt numFmtId="165" formatCode="[$-409]d mmmm yyyy;@"/></numFmts>
        <cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/>
        <xf numFmtId="165"/><xf numFmtId="2"/></cellXfs>)";
    const std::string rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>when</t></is></c></row>
        <row r="2"><c r="A2" s="1"><v>1</v></c></row>
        <row r="3"><c r="A3" s="3"><v>59</v></c></row>
        <row r="4"><c r="A4" s="3"><v>60</v></c></row>
        <row r="5"><c r="A5" s="4"><v>61</v></c></row>
        <row r="6"><c r="A6" s="1"><v>38718</v></c></row>
        <row r="7"><c r="A7" s="2"><v>38718.5</v></c></row>
        <row r="8"><c r="A8" s="5"><v>38718.5</v></c></row>)";
    const auto dir = testing::temp_dir();
    const auto sheet = read_xlsx_sheet(handmade_xlsx(dir, {{"Data", rows}}, "", styles));
    const std::vector<std::string> expected = {"1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01",
                                               "2006-01-01", "2006-01-01 12:00:00"};
    for (std::size_t k = 0; k < expected.size(); ++k) {
        EXPECT_EQ(sheet.cells[k + 1].kind, XlsxCell::Kind::date);
        EXPECT_EQ(sheet.cells[k + 1].text, expected[k]);
    }
    EXPECT_EQ(sheet.cells[7].kind, XlsxCell::Kind::number);  // 0.00 is no date
    EXPECT_EQ(sheet.cells[7].format, "0.00");

    const std::string rows1904 = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>when</t></is></c></row>
        <row r="2"><c r="A2" s="1"><v>0</v></c></row><row r="3"><c r="A3" s="1"><v>37256</v></c></row>)";
    const auto frame = read_xlsx(handmade_xlsx(dir, {{"Data", rows1904}}, "", styles, true));
    const auto& when = frame.column("when");
    ASSERT_EQ(when.type, ColumnType::categorical);  // ISO dates: text that sorts in time order
    EXPECT_EQ(when.text(0), "1904-01-01");
    EXPECT_EQ(when.text(1), "2006-01-01");
}

TEST(ReadXlsx, SheetsByNameAndErrors) {
    const auto dir = testing::temp_dir();
    const std::string first = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>)";
    const std::string second = R"(<row r="3"><c r="B3" t="inlineStr"><is><t>y</t></is></c></row><row r="4"><c r="B4"><v>2.5</v></c></row>)";
    const auto path = handmade_xlsx(dir, {{"Firms", first}, {"Regions 2005", second}});
    EXPECT_EQ(xlsx_sheet_names(path), (std::vector<std::string>{"Firms", "Regions 2005"}));
    EXPECT_TRUE(read_xlsx(path).has("x"));
    ReadOptions options;
    options.sheet = "Regions 2005";
    const auto frame = read_table(path, options);  // the header in B3: column A is V1, empty
    EXPECT_EQ(frame.names(), (std::vector<std::string>{"V1", "y"}));
    EXPECT_EQ(frame.column("y").numbers[0], 2.5);

    options.sheet = "Region";
    const auto unknown = error_of([&] { read_table(path, options); });
    EXPECT_NE(unknown.find("no sheet 'Region'"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("'Firms', 'Regions 2005'"), std::string::npos) << unknown;

    options.sheet = "Firms";
    const auto csv = testing::reference_data("grunfeld.csv");
    EXPECT_NE(error_of([&] { read_table(csv, options); }).find("only an Excel .xlsx file has sheets"), std::string::npos);

    const auto not_zip = dir + "/fake.xlsx";
    std::ofstream(not_zip) << "firm,year\n1,2\n";
    EXPECT_NE(error_of([&] { read_table(not_zip); }).find("cannot read it as an Excel .xlsx workbook"), std::string::npos);

    const auto duplicate = handmade_xlsx(dir, {{"D", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>)"}});
    EXPECT_NE(error_of([&] { read_table(duplicate); }).find("cell B1: the column name 'x' appears twice"), std::string::npos);

    const auto beyond = handmade_xlsx(dir, {{"D", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>9</v></c></row>)"}});
    EXPECT_NE(error_of([&] { read_table(beyond); }).find("cell C2: a value in a column without a name"), std::string::npos);

    ReadOptions numeric;
    numeric.numeric_columns = {"x"};
    const auto text = handmade_xlsx(dir, {{"D", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>n/a</t></is></c></row>)"}});
    const auto message = error_of([&] { read_table(text, numeric); });
    EXPECT_NE(message.find("(sheet 'D') cell A3: column 'x' holds numbers, but \"n/a\" is not one"), std::string::npos)
        << message;

    ReadOptions projection;
    projection.columns = {"z"};
    EXPECT_NE(error_of([&] { read_table(path, projection); }).find("no column 'z'"), std::string::npos);
    EXPECT_NE(error_of([&] { read_table(handmade_xlsx(dir, {{"Empty", ""}})); }).find("the sheet is empty"), std::string::npos);
}

// Grunfeld written by libxlsxwriter (its numbers have at most 16 significant digits, which its
// "%.16G" keeps exactly) reads back to the frame the CSV reader gives: types, names and values.
TEST(ReadXlsx, SameFrameAsTheCsvReader) {
    const auto csv = read_csv(testing::reference_data("grunfeld.csv"));
    const auto path = testing::temp_dir() + "/grunfeld.xlsx";
    lxw_workbook* workbook = workbook_new(path.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "grunfeld");
    lxw_format* decimals = workbook_add_format(workbook);
    format_set_num_format(decimals, "0.00");  // a number format that is not a date changes nothing
    for (std::size_t c = 0; c < csv.cols(); ++c) {
        const auto& column = csv.column(c);
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), column.name.c_str(), nullptr);
        for (std::size_t r = 0; r < csv.rows(); ++r)
            worksheet_write_number(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), column.number(r),
                                   c == 2 ? decimals : nullptr);
    }
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

    const auto xlsx = read_table(path);
    ASSERT_EQ(xlsx.names(), csv.names());
    ASSERT_EQ(xlsx.rows(), csv.rows());
    for (std::size_t c = 0; c < csv.cols(); ++c) {
        EXPECT_EQ(xlsx.column(c).type, csv.column(c).type) << csv.column(c).name;
        for (std::size_t r = 0; r < csv.rows(); ++r)
            ASSERT_EQ(xlsx.column(c).number(r), csv.column(c).number(r)) << csv.column(c).name << " row " << r;
    }
}

}  // namespace
}  // namespace gvcpanel::data
