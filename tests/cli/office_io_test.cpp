// Excel in, Word, RTF and Excel out on the command line: `fit`, `describe` and `batch` read an .xlsx
// sheet (the first, or --sheet / the batch file's `sheet`) to the same result as the CSV; `fit` and
// `table` write docx, rtf and xlsx, which need a file (--out) when they are binary.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "data/read.hpp"
#include "support/office.hpp"
#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs the program with its streams captured in files under `dir` (the test's temp_dir()).
Run gvcpanel(const std::string& args, const std::string& dir) {
    const std::string out = dir + "/out.txt", err = dir + "/err.txt";
    const int raw = std::system((program() + " " + args + " >" + out + " 2>" + err).c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

// Grunfeld as an .xlsx with a notes sheet first and the data on the sheet "panel" (libxlsxwriter;
// its 16 significant digits keep Grunfeld's numbers exactly).
std::string grunfeld_xlsx(const std::string& dir) {
    const auto frame = data::read_csv(reference_data("grunfeld.csv"));
    const std::string path = dir + "/grunfeld.xlsx";
    lxw_workbook* workbook = workbook_new(path.c_str());
    worksheet_write_string(workbook_add_worksheet(workbook, "notes"), 0, 0, "Grunfeld (1958), from R's plm", nullptr);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "panel");
    for (std::size_t c = 0; c < frame.cols(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), frame.column(c).name.c_str(), nullptr);
        for (std::size_t r = 0; r < frame.rows(); ++r)
            worksheet_write_number(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), frame.column(c).number(r), nullptr);
    }
    EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
    return path;
}

const std::string kModel = " --panel firm,year --model \"inv ~ value + capital | firm\" --vcov cluster:firm";

TEST(OfficeIo, FitOnAnXlsxSheetEqualsFitOnTheCsv) {
    const auto dir = temp_dir();
    const auto xlsx = grunfeld_xlsx(dir);
    const auto from_csv = gvcpanel("fit --data " + reference_data("grunfeld.csv") + kModel + " --format json", dir);
    const auto from_xlsx = gvcpanel("fit --data " + xlsx + " --sheet panel" + kModel + " --format json", dir);
    ASSERT_EQ(from_csv.status, 0) << from_csv.err;
    ASSERT_EQ(from_xlsx.status, 0) << from_xlsx.err;
    EXPECT_EQ(from_xlsx.out, from_csv.out);  // every digit of the result JSON

    const auto first_sheet = gvcpanel("fit --data " + xlsx + kModel, dir);
    EXPECT_EQ(first_sheet.status, 1);  // the first sheet holds only a note
    EXPECT_NE(first_sheet.err.find("no column"), std::string::npos) << first_sheet.err;

    const auto described = gvcpanel("describe --data " + xlsx + " --sheet panel --panel firm,year", dir);
    EXPECT_EQ(described.status, 0) << described.err;
    EXPECT_NE(described.out.find("entities            10"), std::string::npos) << described.out;
}

TEST(OfficeIo, BatchReadsTheSheetItsFileNames) {
    const auto dir = temp_dir();
    const auto xlsx = grunfeld_xlsx(dir);
    std::ofstream(dir + "/spec.toml") << "data = \"grunfeld.xlsx\"\nsheet = \"panel\"\npanel = \"firm,year\"\n"
                                         "[[model]]\nname = \"inv\"\noutcome = \"inv\"\nterms = \"value + capital\"\n"
                                         "fixed_effects = \"firm\"\nvcov = \"cluster:firm\"\n";
    const auto run = gvcpanel("batch " + dir + "/spec.toml --out " + dir + "/out --jobs 1", dir);
    ASSERT_EQ(run.status, 0) << run.err;
    std::ifstream store(dir + "/out/results.jsonl");
    std::string line;
    ASSERT_TRUE(std::getline(store, line));
    const auto stored = nlohmann::json::parse(line);
    const auto fitted = nlohmann::json::parse(gvcpanel("fit --data " + reference_data("grunfeld.csv") + kModel + " --format json", dir).out);
    EXPECT_EQ(stored["coef"], fitted["coef"]);
}

TEST(OfficeIo, FitAndTableWriteWordRtfAndExcel) {
    const auto dir = temp_dir();
    const auto csv = reference_data("grunfeld.csv");
    const auto refused = gvcpanel("fit --data " + csv + kModel + " --format docx", dir);
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("--format docx writes a binary file: give --out FILE.docx"), std::string::npos) << refused.err;

    ASSERT_EQ(gvcpanel("fit --data " + csv + kModel + " --format docx --out " + dir + "/fit.docx", dir).status, 0);
    const auto fit_tables = docx_tables(dir + "/fit.docx");
    ASSERT_EQ(fit_tables.size(), 1u);
    // value 0.1101238 (SE 0.0151877 clustered by firm): docs/conventions.md's Grunfeld example.
    EXPECT_EQ(fit_tables[0][2], (std::vector<std::string>{"value", "0.110***"}));
    EXPECT_EQ(fit_tables[0][3], (std::vector<std::string>{"", "(0.015)"}));

    ASSERT_EQ(gvcpanel("fit --data " + csv + kModel + " --format json --out " + dir + "/m.json", dir).status, 0);
    const auto rtf = gvcpanel("table " + dir + "/m.json " + dir + "/m.json --format rtf", dir);
    ASSERT_EQ(rtf.status, 0) << rtf.err;
    EXPECT_EQ(rtf_rows(rtf.out)[2], (std::vector<std::string>{"value", "0.110***", "0.110***"}));
    ASSERT_EQ(gvcpanel("table " + dir + "/m.json --format xlsx --out " + dir + "/t.xlsx", dir).status, 0);
    const auto sheet = data::read_xlsx_sheet(dir + "/t.xlsx");
    const auto value = std::find_if(sheet.cells.begin(), sheet.cells.end(),
                                    [](const data::XlsxCell& cell) { return cell.row == 2 && cell.column == 1; });
    ASSERT_NE(value, sheet.cells.end());
    EXPECT_EQ(value->kind, data::XlsxCell::Kind::number);
    EXPECT_EQ(excel_display(*value), "0.110***");
}

}  // namespace
}  // namespace gvcpanel::testing
