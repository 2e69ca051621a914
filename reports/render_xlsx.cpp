// Excel (.xlsx) through libxlsxwriter: the three-line table of ruled_table.hpp on one sheet, rules
// as cell borders. Every printed number is stored as a number with a number format that prints it
// as the table does ("0.512", "(0.045)" with format (0.000), stars as a quoted suffix 0.512"***"),
// so that it can be computed with and still looks like the table; other cells are text.
// Several tables go to a sheet each, named after its title. libxlsxwriter writes to a file only:
// the workbook goes to a temporary file that is read back.
#include <xlsxwriter.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "data/error.hpp"
#include "reports/render.hpp"
#include "reports/ruled_table.hpp"

namespace gvcpanel::reports {

namespace {

// A printed number: its value and the Excel number format that prints it the same way.
struct PrintedNumber {
    double value = 0;
    std::string format;
};

// "-0.512", "(0.045)", "1000": optional parentheses around an optional minus, digits and an
// optional fraction. Anything else ("Inf", "[0.1, 0.2]", "Yes") is not a printed number.
std::optional<PrintedNumber> printed_number(const std::string& text, const std::string& stars) {
    const bool enclosed = text.size() > 2 && text.front() == '(' && text.back() == ')';
    const std::string body = enclosed ? text.substr(1, text.size() - 2) : text;
    std::size_t i = body.size() > 0 && body[0] == '-' ? 1 : 0;
    const std::size_t digits_start = i;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) ++i;
    if (i == digits_start) return std::nullopt;
    std::size_t decimals = 0;
    if (i < body.size() && body[i] == '.') {
        const std::size_t fraction = ++i;
        while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) ++i;
        decimals = i - fraction;
        if (decimals == 0) return std::nullopt;
    }
    if (i != body.size()) return std::nullopt;
    PrintedNumber number;
    number.value = std::stod(body);
    number.format = std::string(enclosed ? "(" : "") + "0" + (decimals ? "." + std::string(decimals, '0') : "") +
                    (enclosed ? ")" : "") + (stars.empty() ? "" : "\"" + stars + "\"");
    return number;
}

lxw_format* cell_format(lxw_workbook* workbook, std::map<std::string, lxw_format*>& formats, const std::string& number,
                        bool left, bool italic, Rule above, Rule below, double size) {
    const auto key = number + '|' + std::to_string(left) + std::to_string(italic) +
                     std::to_string(static_cast<int>(above)) + std::to_string(static_cast<int>(below)) +
                     std::to_string(size);
    const auto it = formats.find(key);
    if (it != formats.end()) return it->second;
    lxw_format* format = workbook_add_format(workbook);
    format_set_font_name(format, "Times New Roman");
    format_set_font_size(format, size);
    format_set_align(format, left ? LXW_ALIGN_LEFT : LXW_ALIGN_CENTER);
    if (!number.empty()) format_set_num_format(format, number.c_str());
    if (italic) format_set_italic(format);
    const auto border = [](Rule rule) { return rule == Rule::thick ? LXW_BORDER_MEDIUM : LXW_BORDER_THIN; };
    if (above != Rule::none) format_set_top(format, border(above));
    if (below != Rule::none) format_set_bottom(format, border(below));
    formats.emplace(key, format);
    return format;
}

void check(lxw_error status, const std::string& what) {
    if (status != LXW_NO_ERROR) throw Error("writing the Excel table: " + what + ": " + lxw_strerror(status));
}

// Excel's rules for a sheet name: at most 31 characters, none of : \\ / ? * [ ], unique.
std::string sheet_name(const std::string& title, std::size_t index, std::vector<std::string>& used) {
    std::string name;
    for (const char c : title)
        if (std::string_view(":\\/?*[]").find(c) == std::string_view::npos) name += c;
    if (name.size() > 31) name.resize(31);
    if (name.empty() || std::find(used.begin(), used.end(), name) != used.end()) name = "Table " + std::to_string(index + 1);
    used.push_back(name);
    return name;
}

void write_sheet(lxw_workbook* workbook, const std::string& name, const RuledTable& table,
                 std::map<std::string, lxw_format*>& formats) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    if (!sheet) throw Error("writing the Excel table: cannot add the sheet '" + name + "'");
    check(worksheet_set_column(sheet, 0, 0, 30, nullptr), "column widths");
    if (table.columns > 0)
        check(worksheet_set_column(sheet, 1, static_cast<lxw_col_t>(table.columns), 13, nullptr), "column widths");
    lxw_row_t r = 0;
    for (const auto& row : table.rows) {
        lxw_col_t c = 0;
        for (std::size_t k = 0; k < row.cells.size(); ++k) {
            const auto& cell = row.cells[k];
            const Rule below = std::max(row.below, cell.under);
            const auto number = row.header ? std::nullopt : printed_number(cell.text, cell.stars);
            lxw_format* format = cell_format(workbook, formats, number ? number->format : "", k == 0, cell.italic,
                                             row.above, below, 10);
            const std::string text = cell.text + cell.stars;
            const auto last = static_cast<lxw_col_t>(c + cell.span - 1);
            if (cell.span > 1)
                check(worksheet_merge_range(sheet, r, c, r, last, text.c_str(), format), "a heading");
            else if (number)
                check(worksheet_write_number(sheet, r, c, number->value, format), "a number");
            else if (text.empty())
                check(worksheet_write_blank(sheet, r, c, format), "a rule");
            else
                check(worksheet_write_string(sheet, r, c, text.c_str(), format), "a cell");
            c = last + 1;
        }
        ++r;
    }
    lxw_format* note_format = cell_format(workbook, formats, "", true, false, Rule::none, Rule::none, 8);
    for (const auto& note : table.notes) check(worksheet_write_string(sheet, r++, 0, note.c_str(), note_format), "a note");
}

}  // namespace

std::string render_xlsx(const std::vector<TitledLayout>& tables) {
    static std::atomic<int> counter = 0;
    const auto path = std::filesystem::temp_directory_path() /
                      ("gvcpanel-table-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".xlsx");
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (!workbook) throw Error("writing the Excel table: cannot create '" + path.string() + "'");
    try {
        std::map<std::string, lxw_format*> formats;
        std::vector<std::string> used;
        for (std::size_t t = 0; t < tables.size(); ++t)
            write_sheet(workbook, sheet_name(tables[t].title, t, used), ruled_table(tables[t].layout), formats);
    } catch (...) {
        workbook_close(workbook);
        std::filesystem::remove(path);
        throw;
    }
    const lxw_error status = workbook_close(workbook);
    std::ifstream file(path, std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    std::filesystem::remove(path);
    check(status, "closing the workbook");
    return bytes.str();
}

}  // namespace gvcpanel::reports
