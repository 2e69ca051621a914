// Every format read back: the cells are recovered with each format's own syntax (a CSV reader, a
// JSON parser, the tags of HTML, the separators of LaTeX and Markdown, the columns of text), and
// every number of the results must be found there at the printed precision.
#include "reports/render.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "data/error.hpp"
#include "reports/table.hpp"
#include "sample_results.hpp"

namespace gvcpanel::reports {

namespace {

using Counts = std::map<std::string, int>;

std::string printed(double x, int digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
    return buffer;
}

// Each number in the table's results, as printed with 3 decimals (counts whole), with how often.
Counts expected_numbers(const std::vector<Panel>& panels) {
    Counts counts;
    for (const auto& panel : panels)
        for (const auto& r : panel.results) {
            for (const auto& c : r.coef) {
                ++counts[printed(c.estimate, 3)];
                ++counts[printed(c.se, 3)];
            }
            ++counts[printed(static_cast<double>(r.nobs), 0)];
            ++counts[printed(r.stats.at("r2").get<double>(), 3)];
            if (r.stats.contains("r2_within")) ++counts[printed(r.stats.at("r2_within").get<double>(), 3)];
            if (r.stats.contains("n_clusters")) ++counts[printed(r.stats.at("n_clusters").at("firm").get<double>(), 0)];
        }
    return counts;
}

Counts numbers_in(const std::vector<std::string>& cells) {
    static const std::regex number(R"(-?[0-9]+(\.[0-9]+)?)");
    Counts counts;
    for (const auto& cell : cells)
        for (auto it = std::sregex_iterator(cell.begin(), cell.end(), number); it != std::sregex_iterator(); ++it)
            ++counts[it->str()];
    return counts;
}

void expect_all_found(const Counts& found, const Counts& expected, const std::string& format) {
    for (const auto& [number, count] : expected) {
        const auto it = found.find(number);
        EXPECT_GE(it == found.end() ? 0 : it->second, count) << format << ": " << number << " should appear " << count
                                                              << " times";
    }
}

std::vector<std::string> split(const std::string& text, const std::string& separators) {
    std::vector<std::string> parts(1);
    for (char c : text) {
        if (separators.find(c) != std::string::npos)
            parts.emplace_back();
        else
            parts.back() += c;
    }
    return parts;
}

std::vector<std::string> csv_cells(const std::string& csv) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted && c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
            cells.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == ',' || c == '\n')) {
            cells.emplace_back();
        } else {
            cells.back() += c;
        }
    }
    return cells;
}

std::vector<std::string> html_cells(const std::string& html) {
    static const std::regex cell(R"(<t[dh][^>]*>(.*?)</t[dh]>)");
    static const std::regex tag(R"(<[^>]*>)");
    std::vector<std::string> cells;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), cell); it != std::sregex_iterator(); ++it)
        cells.push_back(std::regex_replace((*it)[1].str(), tag, " "));
    return cells;
}

std::vector<std::string> latex_cells(std::string tex) {
    tex = std::regex_replace(tex, std::regex(R"(\$-\$)"), "-");
    tex = std::regex_replace(tex, std::regex(R"(\$\^\{[*]+\}\$)"), "");
    std::vector<std::string> cells;
    for (const auto& line : split(tex, "\n")) {
        if (line.find(" \\\\") == std::string::npos) continue;  // only table rows
        for (const auto& cell : split(line.substr(0, line.rfind(" \\\\")), "&")) cells.push_back(cell);
    }
    return cells;
}

std::vector<std::string> json_cells(const std::string& text) {
    std::vector<std::string> cells;
    const auto json = nlohmann::json::parse(text);
    for (const auto& panel : json.at("panels"))
        for (const auto& block : panel.at("blocks"))
            for (const auto& row : block)
                for (const auto& cell : row.at("cells")) cells.push_back(cell.at("text").get<std::string>());
    for (const auto& row : json.at("header"))
        for (const auto& cell : row.at("cells")) cells.push_back(cell.at("text").get<std::string>());
    return cells;
}

}  // namespace

TEST(Render, FormatNames) {
    EXPECT_EQ(parse_format("md"), Format::markdown);
    EXPECT_EQ(parse_format("tex"), Format::latex);
    EXPECT_EQ(parse_format("docx"), Format::docx);
    EXPECT_THROW(parse_format("odt"), Error);
}

TEST(Render, EveryFormatReadsBackToEveryNumberOfTheResults) {
    const auto panels = testing::two_panels();
    const Table table(panels, testing::golden_options());
    const auto expected = expected_numbers(panels);
    ASSERT_GT(expected.size(), 20u);

    expect_all_found(numbers_in(split(table.render(Format::text), " \n")), expected, "text");
    expect_all_found(numbers_in(split(table.render(Format::markdown), "|\n")), expected, "markdown");
    expect_all_found(numbers_in(latex_cells(table.render(Format::latex))), expected, "latex");
    expect_all_found(numbers_in(latex_cells(table.render(Format::latex, {.latex_decimal_align = true}))), expected,
                     "latex (dcolumn)");
    expect_all_found(numbers_in(html_cells(table.render(Format::html))), expected, "html");
    expect_all_found(numbers_in(csv_cells(table.render(Format::csv))), expected, "csv");
    expect_all_found(numbers_in(json_cells(table.render(Format::json))), expected, "json");
}

TEST(Render, TheReadBackNoticesAMissingNumber) {
    const auto panels = testing::two_panels();
    TableOptions options;
    options.terms.drop = {"gvc_participation"};
    const Table table(panels, options);
    const auto found = numbers_in(csv_cells(table.render(Format::csv)));
    EXPECT_EQ(found.count("-0.085"), 0u);  // the dropped row's estimate is gone, and the check would see it
}

}  // namespace gvcpanel::reports
