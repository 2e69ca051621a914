// `gvcpanel describe` writes the summary statistics (Table 1) and correlation tables in every table
// format; the numbers are checked against R 4.2.2 (mean, sd, min, max, cor.test; written by
// tests/fixtures/describe/tables.R) through the JSON format, and every format is read back.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "data/xlsx_sheet.hpp"
#include "support/compare.hpp"
#include "support/office.hpp"
#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

// Printed with 10 decimals, a number is within 5e-11 of its value; R's JSON carries 15 digits.
constexpr double kPrintedAbs = 6e-11;

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

// Runs `gvcpanel describe ARGS` with its streams captured in files under `dir` (the test's temp_dir()).
Run describe(const std::string& args, const std::string& dir) {
    const std::string out = dir + "/out.txt", err = dir + "/err.txt";
    const int raw = std::system((program() + " describe " + args + " >" + out + " 2>" + err).c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

// The rows of one table of the JSON format: label -> cell texts.
std::map<std::string, std::vector<std::string>> json_rows(const nlohmann::json& table) {
    std::map<std::string, std::vector<std::string>> rows;
    for (const auto& block : table["panels"][0]["blocks"])
        for (const auto& row : block) {
            auto& cells = rows[row["label"].get<std::string>()];
            for (const auto& cell : row["cells"]) cells.push_back(cell["text"].get<std::string>() + cell["stars"].get<std::string>());
        }
    return rows;
}

void expect_printed(const std::string& text, double expected, const std::string& what) {
    EXPECT_NEAR(std::stod(text), expected, kPrintedAbs * std::max(1.0, std::abs(expected))) << what;
}

void check_against_r(const std::string& data, const std::vector<std::string>& variables, const std::string& case_name) {
    const auto reference = read_json(fixture("describe/tables.json"))[case_name];
    const auto dir = temp_dir();
    std::string args = "--data " + data + " --panel firm,year --digits 10 --format json --variables";
    for (const auto& v : variables) args += " " + v;
    const auto run = describe(args, dir);
    ASSERT_EQ(run.status, 0) << run.err;
    const auto tables = nlohmann::json::parse(run.out);
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_EQ(tables[0]["title"], "Summary statistics");
    EXPECT_EQ(tables[1]["title"], "Correlations");

    const auto summary = json_rows(tables[0]["table"]);
    for (const auto& v : variables) {
        SCOPED_TRACE(v);
        const auto& r = reference["summary"][v];
        const auto& cells = summary.at(v);
        ASSERT_EQ(cells.size(), 5u);
        EXPECT_EQ(cells[0], std::to_string(r["n"].get<int>()));
        expect_printed(cells[1], r["mean"], "mean");
        expect_printed(cells[2], r["sd"], "sd");
        expect_printed(cells[3], r["min"], "min");
        expect_printed(cells[4], r["max"], "max");
    }
    const auto correlations = json_rows(tables[1]["table"]);
    for (const auto& pair : reference["correlations"]) {
        const auto i = std::find(variables.begin(), variables.end(), pair["row"]) - variables.begin();
        const auto j = std::find(variables.begin(), variables.end(), pair["column"]) - variables.begin();
        const auto& cell = correlations.at("(" + std::to_string(i + 1) + ") " + pair["row"].get<std::string>())[j];
        const double p = pair["p"];
        const std::string stars = p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.10 ? "*" : "";
        SCOPED_TRACE(cell);
        expect_printed(cell.substr(0, cell.find('*')), pair["r"], "r");
        EXPECT_EQ(cell.substr(std::min(cell.find('*'), cell.size())), stars);
    }
}

TEST(DescribeTables, GrunfeldSummaryAndCorrelationsMatchR) {
    check_against_r(reference_data("grunfeld.csv"), {"inv", "value", "capital"}, "grunfeld");
}

TEST(DescribeTables, MissingValuesLeaveEachStatisticItsOwnObservations) {
    check_against_r(fixture("describe/with_missing.csv"), {"a", "b", "c"}, "with_missing");
}

TEST(DescribeTables, TextFormatKeepsThePanelDescriptionFirst) {
    const auto dir = temp_dir();
    const auto run = describe("--data " + reference_data("grunfeld.csv") + " --panel firm,year", dir);
    ASSERT_EQ(run.status, 0) << run.err;
    const auto description = run.out.find("entity firm, time year");
    const auto summary = run.out.find("Summary statistics");
    const auto correlations = run.out.find("Correlations");
    ASSERT_NE(description, std::string::npos);
    EXPECT_LT(description, summary);
    EXPECT_LT(summary, correlations);
    EXPECT_NE(run.out.find("(3) value    0.068     0.857***  1.000"), std::string::npos) << run.out;
}

// Every table format holds the summary statistics of value (mean 1081.681, sd 1314.470) and the
// correlation of value with inv (0.857***); the binary ones read back as documents and sheets.
TEST(DescribeTables, EveryFormat) {
    const std::string data = "--data " + reference_data("grunfeld.csv") + " --panel firm,year --variables inv value capital";
    const auto dir = temp_dir();
    for (const std::string format : {"md", "latex", "html", "csv", "json", "rtf"}) {
        const auto run = describe(data + " --format " + format, dir);
        ASSERT_EQ(run.status, 0) << format << ": " << run.err;
        for (const std::string number : {"1081.681", "1314.470", "0.857"})
            EXPECT_NE(run.out.find(number), std::string::npos) << format << " has no " << number << "\n" << run.out;
        EXPECT_EQ(run.out.find("entity firm"), std::string::npos) << format << ": only the tables";
    }
    const auto docx = describe(data + " --format docx --out " + dir + "/t.docx", dir);
    ASSERT_EQ(docx.status, 0) << docx.err;
    const auto tables = docx_tables(dir + "/t.docx");
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_EQ(tables[0][2], (std::vector<std::string>{"value", "200", "1081.681", "1314.470", "58.120", "6241.700"}));
    EXPECT_EQ(tables[1][2][1], "0.857***");

    const auto xlsx = describe(data + " --format xlsx --out " + dir + "/t.xlsx", dir);
    ASSERT_EQ(xlsx.status, 0) << xlsx.err;
    EXPECT_EQ(data::xlsx_sheet_names(dir + "/t.xlsx"), (std::vector<std::string>{"Summary statistics", "Correlations"}));
    const auto sheet = data::read_xlsx_sheet(dir + "/t.xlsx", "Summary statistics");
    const auto mean = std::find_if(sheet.cells.begin(), sheet.cells.end(),
                                   [](const data::XlsxCell& cell) { return cell.row == 2 && cell.column == 2; });
    ASSERT_NE(mean, sheet.cells.end());
    EXPECT_EQ(mean->kind, data::XlsxCell::Kind::number);
    EXPECT_EQ(excel_display(*mean), "1081.681");

    const auto refused = describe(data + " --format xlsx", dir);
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("--format xlsx writes a binary file: give --out FILE.xlsx"), std::string::npos) << refused.err;
    const auto text_column = describe("--data " + fixture("describe/with_missing.csv") + " --panel firm --variables year nope", dir);
    EXPECT_EQ(text_column.status, 1);
    EXPECT_NE(text_column.err.find("no column 'nope'"), std::string::npos) << text_column.err;
}

}  // namespace
}  // namespace gvcpanel::testing
