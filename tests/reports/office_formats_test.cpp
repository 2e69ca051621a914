// The Word, RTF and Excel tables read back by means independent of their writers: every cell of
// the table as printed (text, stars) is found at its place in the .docx, the .rtf and the .xlsx
// (Excel's display of the stored number through its number format), the rules of the three-line
// table are where esttab puts them, and LibreOffice, when installed, lays the .docx and .rtf out
// with every row on one line in order (soffice to PDF, pdftotext -layout).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "data/xlsx_sheet.hpp"
#include "reports/render.hpp"
#include "reports/ruled_table.hpp"
#include "reports/table.hpp"
#include "sample_results.hpp"
#include "support/office.hpp"
#include "support/paths.hpp"

namespace gvcpanel::reports {

namespace {

// The table as the reader should see it: per row of the ruled table, its cells' text and stars;
// a cell spanning several columns appears once.
testing::TableCells expected_cells(const Layout& layout) {
    testing::TableCells rows;
    for (const auto& row : ruled_table(layout).rows) {
        rows.emplace_back();
        for (const auto& cell : row.cells) rows.back().push_back(cell.text + cell.stars);
    }
    return rows;
}

std::string written(const std::string& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

Table golden_table() { return Table(testing::two_panels(), testing::golden_options()); }

TEST(OfficeFormats, DocxHoldsEveryCellInItsPlace) {
    const auto table = golden_table();
    const auto path = written(testing::temp_dir(), "table.docx", table.render(Format::docx));
    const auto tables = testing::docx_tables(path);
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0], expected_cells(table.layout()));
}

TEST(OfficeFormats, DocxDrawsTheThreeRulesAndNotes) {
    const auto table = golden_table();
    const std::string xml = testing::zip_entry(written(testing::temp_dir(), "t.docx", table.render(Format::docx)),
                                               "word/document.xml");
    const auto count = [&](const std::string& part) {
        std::size_t n = 0;
        for (std::size_t at = xml.find(part); at != std::string::npos; at = xml.find(part, at + 1)) ++n;
        return n;
    };
    // The thick rules: above every cell of the first row (here the group headings), below every
    // cell of the last.
    const auto ruled = ruled_table(table.layout());
    EXPECT_EQ(count("<w:top w:val=\"single\" w:sz=\"8\""), ruled.rows.front().cells.size());
    EXPECT_EQ(count("<w:bottom w:val=\"single\" w:sz=\"8\""), ruled.rows.back().cells.size());
    EXPECT_GT(count("<w:top w:val=\"single\" w:sz=\"4\""), 0u);  // thin rules under the header and between blocks
    for (const auto& note : table.layout().notes) EXPECT_NE(xml.find(html_escaped(note)), std::string::npos) << note;
    EXPECT_NE(xml.find("<w:vertAlign w:val=\"superscript\"/>"), std::string::npos);  // stars
}

TEST(OfficeFormats, RtfHoldsEveryCellInItsPlace) {
    const auto table = golden_table();
    const std::string rtf = table.render(Format::rtf);
    EXPECT_EQ(rtf.rfind("{\\rtf1", 0), 0u);
    EXPECT_EQ(testing::rtf_rows(rtf), expected_cells(table.layout()));
    for (const auto& note : table.layout().notes)
        EXPECT_NE(rtf.find(note.substr(0, 20)), std::string::npos) << note;
}

TEST(OfficeFormats, XlsxShowsEveryCellAsPrintedAndStoresNumbersAsNumbers) {
    const auto table = golden_table();
    const auto path = written(testing::temp_dir(), "table.xlsx", table.render(Format::xlsx));
    const auto sheet = data::read_xlsx_sheet(path);
    EXPECT_EQ(sheet.name, "Table 1");
    const auto expected = expected_cells(table.layout());
    const auto ruled = ruled_table(table.layout());
    std::size_t numbers = 0;
    for (std::size_t r = 0; r < expected.size(); ++r) {
        std::size_t column = 0;
        for (std::size_t c = 0; c < expected[r].size(); ++c) {
            const auto found = std::find_if(sheet.cells.begin(), sheet.cells.end(), [&](const data::XlsxCell& cell) {
                return cell.row == r && cell.column == column;
            });
            if (expected[r][c].empty()) {
                EXPECT_TRUE(found == sheet.cells.end() || found->text.empty()) << "row " << r << " column " << column;
            } else {
                ASSERT_NE(found, sheet.cells.end()) << "no cell at row " << r << " column " << column;
                EXPECT_EQ(testing::excel_display(*found), expected[r][c]) << data::xlsx_cell_name(r, column);
                if (found->kind == data::XlsxCell::Kind::number) ++numbers;
            }
            column += ruled.rows[r].cells[c].span;
        }
    }
    EXPECT_GT(numbers, 40u);  // estimates, standard errors and statistics are numbers, not text
    const std::size_t notes_row = expected.size();
    for (std::size_t k = 0; k < table.layout().notes.size(); ++k) {
        const auto note = std::find_if(sheet.cells.begin(), sheet.cells.end(), [&](const data::XlsxCell& cell) {
            return cell.row == notes_row + k && cell.column == 0;
        });
        ASSERT_NE(note, sheet.cells.end());
        EXPECT_EQ(note->text, table.layout().notes[k]);
    }
}

TEST(OfficeFormats, SeveralTablesMakeOneDocumentWithTheirTitlesAndOneSheetEach) {
    const auto table = golden_table();
    const std::vector<TitledLayout> tables = {{"Main results", table.layout()}, {"Again: robustness", table.layout()}};
    const auto dir = testing::temp_dir();
    const auto docx = written(dir, "two.docx", render_tables(tables, Format::docx));
    EXPECT_EQ(testing::docx_tables(docx).size(), 2u);
    EXPECT_NE(testing::zip_entry(docx, "word/document.xml").find("Main results"), std::string::npos);
    const std::string rtf = render_tables(tables, Format::rtf);
    EXPECT_EQ(testing::rtf_rows(rtf).size(), 2 * expected_cells(table.layout()).size());
    EXPECT_NE(rtf.find("{\\b Again: robustness}"), std::string::npos);
    const auto xlsx = written(dir, "two.xlsx", render_tables(tables, Format::xlsx));
    EXPECT_EQ(data::xlsx_sheet_names(xlsx), (std::vector<std::string>{"Main results", "Again robustness"}));
}

// Each table row, label first, on one line of LibreOffice's rendering, in the order of the table.
void expect_rows_laid_out(const std::string& text, const Layout& layout, const std::string& format) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::size_t next = 0;
    for (const auto& row : expected_cells(layout)) {
        if (row.empty() || row[0].empty()) continue;  // the (1) (2) row has no label to find it by
        bool found = false;
        for (std::size_t l = next; l < lines.size() && !found; ++l) {
            const std::size_t first = lines[l].find_first_not_of(' ');
            if (first == std::string::npos || lines[l].compare(first, row[0].size(), row[0]) != 0) continue;
            std::size_t at = first + row[0].size() - 1;
            bool in_order = true;
            for (std::size_t c = 1; c < row.size() && in_order; ++c) {
                if (row[c].empty()) continue;
                at = lines[l].find(row[c], at + 1);
                in_order = at != std::string::npos;
            }
            if (in_order) {
                found = true;
                next = l + 1;
            }
        }
        EXPECT_TRUE(found) << format << ": no line with the row '" << row[0] << "' and its cells in order after line "
                           << next << "\n" << text;
    }
    for (const auto& note : layout.notes) EXPECT_NE(text.find(note), std::string::npos) << format << ": " << note;
}

TEST(OfficeFormats, LibreOfficeLaysOutTheDocxAndRtfTablesRowByRow) {
    const auto dir = testing::temp_dir();
    const auto table = golden_table();
    const auto docx = written(dir, "word.docx", table.render(Format::docx));
    const auto rtf = written(dir, "rich.rtf", table.render(Format::rtf));
    const auto texts = testing::libreoffice_layout_texts({docx, rtf}, dir);
    if (!texts) GTEST_SKIP() << "LibreOffice (soffice) or pdftotext is not installed; ./build.sh test installs them";
    expect_rows_laid_out((*texts)[0], table.layout(), "docx");
    expect_rows_laid_out((*texts)[1], table.layout(), "rtf");
}

}  // namespace

}  // namespace gvcpanel::reports
