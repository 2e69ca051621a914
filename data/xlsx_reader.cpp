// read_xlsx: a worksheet (xlsx_sheet.hpp) as a Frame. The first row with a cell holds the names
// (an empty one is V<k>, a repeated one an error); each column's cells are read as the texts a CSV
// export would hold (a number as its stored decimal, TRUE/FALSE as 1/0, a date as ISO text, an
// error value such as #N/A as missing) and typed by the CSV reader's rules (csv::type_text_column,
// docs/reading.md): --na, --decimal, --text, ids as categories and the stray-token error all apply.
#include <algorithm>
#include <map>
#include <optional>

#include "data/csv_chunk.hpp"
#include "data/csv_column_type.hpp"
#include "data/error.hpp"
#include "data/names.hpp"
#include "data/read.hpp"
#include "data/xlsx_sheet.hpp"

namespace gvcpanel::data {

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// A cell as the text a CSV file would hold for it; nullopt = missing. A stored number is written
// with the decimal mark the reader expects, so that --decimal , reads the sheet's numbers too.
std::optional<std::string> cell_text(const XlsxCell& cell, const ReadOptions& options) {
    switch (cell.kind) {
        case XlsxCell::Kind::number: {
            std::string text = cell.text;
            if (options.decimal != '.') std::replace(text.begin(), text.end(), '.', options.decimal);
            return text;
        }
        case XlsxCell::Kind::boolean: return cell.number != 0 ? "1" : "0";
        case XlsxCell::Kind::error: return std::nullopt;
        case XlsxCell::Kind::date: return cell.text;
        case XlsxCell::Kind::text: {
            std::string text = trimmed(cell.text);
            if (listed(options.missing, text)) return std::nullopt;
            return text;
        }
    }
    return std::nullopt;
}

// One column's cells, row by row, and where each data row sits in the sheet (for messages).
struct ColumnCells {
    std::string name;
    std::size_t sheet_column = 0;
    std::vector<std::optional<std::string>> text;
};

Column text_column(const ColumnCells& cells) {
    std::vector<std::string> levels;
    for (const auto& text : cells.text)
        if (text) levels.push_back(*text);
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    std::vector<std::int32_t> codes(cells.text.size(), kMissingCode);
    for (std::size_t r = 0; r < codes.size(); ++r)
        if (cells.text[r])
            codes[r] = static_cast<std::int32_t>(std::lower_bound(levels.begin(), levels.end(), *cells.text[r]) - levels.begin());
    return Column::categorical(cells.name, std::move(codes), std::move(levels));
}

}  // namespace

Frame read_xlsx(const InputFile& input, const ReadOptions& options) {
    options.validate();
    const XlsxSheet sheet = read_xlsx_sheet(input, options.sheet);
    const std::string source = input.name() + " (sheet '" + sheet.name + "')";
    if (sheet.cells.empty()) throw Error(source + ": the sheet is empty; expected a header row with column names");
    const auto cell_error = [&](std::size_t row, std::size_t column, const std::string& what) {
        return Error(source + " cell " + xlsx_cell_name(row, column) + ": " + what);
    };

    // The header: the first row that has a cell.
    const std::size_t header_row = sheet.cells.front().row;
    std::map<std::size_t, std::string> header;  // sheet column -> name
    for (const auto& cell : sheet.cells) {
        if (cell.row != header_row) break;
        header[cell.column] = trimmed(cell.text);
    }
    const std::size_t last_column = header.rbegin()->first;
    std::vector<std::string> names;
    for (std::size_t c = 0; c <= last_column; ++c) {
        std::string name = header.count(c) ? header[c] : "";
        if (name.empty()) name = "V" + std::to_string(c + 1);  // as fread and read_csv
        if (listed(names, name)) throw cell_error(header_row, c, "the column name '" + name + "' appears twice");
        names.push_back(name);
    }

    // The projection: only the columns asked for, each of which must exist.
    std::vector<int> target(names.size(), -1);
    std::vector<ColumnCells> kept;
    const auto keep = [&](std::size_t c) {
        if (target[c] >= 0) return;
        target[c] = static_cast<int>(kept.size());
        kept.push_back({names[c], c, {}});
    };
    if (options.columns.empty()) {
        for (std::size_t c = 0; c < names.size(); ++c) keep(c);
    } else {
        for (const auto& name : options.columns) {
            const auto it = std::find(names.begin(), names.end(), name);
            if (it == names.end()) throw Error(source + ": no column '" + name + "'" + did_you_mean(name, names));
            keep(static_cast<std::size_t>(it - names.begin()));
        }
    }

    // The data rows: every row after the header that has a cell (rows without any are skipped, as
    // blank lines of a CSV file).
    std::vector<std::size_t> sheet_rows;
    for (const auto& cell : sheet.cells) {
        if (cell.row == header_row) continue;
        if (cell.column > last_column)
            throw cell_error(cell.row, cell.column, "a value in a column without a name (the header in row " +
                                                        std::to_string(header_row + 1) + " ends at column " +
                                                        xlsx_cell_name(header_row, last_column) + ")");
        if (sheet_rows.empty() || sheet_rows.back() != cell.row) {
            sheet_rows.push_back(cell.row);
            for (auto& column : kept) column.text.emplace_back();
        }
        if (target[cell.column] >= 0) kept[static_cast<std::size_t>(target[cell.column])].text.back() = cell_text(cell, options);
    }
    if (sheet_rows.empty()) throw Error(source + ": a header row but no data rows; there is nothing to estimate on");

    Frame frame;
    frame.source = input.name();
    for (const auto& cells : kept) {
        Column column = text_column(cells);
        if (!listed(options.text_columns, cells.name)) {
            const csv::TextColumnRule rule{options.decimal, listed(options.category_columns, cells.name),
                                           options.decimal_residues};
            csv::MixedColumn mixed;
            column = csv::type_text_column(std::move(column), rule, mixed);
            const bool numbers_required = mixed.cells > 0 || (column.type == ColumnType::categorical &&
                                                              listed(options.numeric_columns, cells.name));
            if (numbers_required) {
                std::size_t r = 0;
                while (r < cells.text.size() && (!cells.text[r] || csv::is_number(*cells.text[r], options.decimal))) ++r;
                const std::string token = csv::quoted_excerpt(r < cells.text.size() ? *cells.text[r] : "");
                throw cell_error(sheet_rows[std::min(r, sheet_rows.size() - 1)], cells.sheet_column,
                                 "column '" + cells.name + "' holds numbers, but " + token +
                                     " is not one: if it marks a missing value, add --na " + token +
                                     "; if '" + cells.name + "' is a code rather than a number, read it as text: --text " +
                                     cells.name);
            }
        }
        frame.add(std::move(column));
    }
    return frame;
}

}  // namespace gvcpanel::data
