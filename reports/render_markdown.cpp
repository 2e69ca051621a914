// Markdown (GitHub and Pandoc pipe tables): model numbers form the header row; group headings,
// titles and the dependent variable follow as rows; panel titles are bold rows. Stars and other
// Markdown characters are escaped; columns are padded so the source reads as a table too.
#include <sstream>

#include "reports/align.hpp"
#include "reports/render.hpp"

namespace gvcpanel::reports {

namespace {

std::string escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '|' || c == '*' || c == '_' || c == '`') out += '\\';
        out += c;
    }
    return out;
}

Row group_row(const Layout& layout) {
    Row row{RowKind::title, "", {}};
    for (const auto& group : layout.groups) {
        row.cells.push_back({group.title, "", false});
        for (std::size_t i = 1; i < group.span; ++i) row.cells.push_back({});
    }
    return row;
}

}  // namespace

std::string render_markdown(const Layout& layout) {
    // Markdown has one header row: the model numbers when shown, else an empty one.
    std::vector<Row> rows;
    const bool numbers_first = !layout.header.empty() && layout.header.front().kind == RowKind::number;
    rows.push_back(numbers_first ? layout.header.front() : Row{RowKind::number, "", std::vector<Cell>(layout.columns)});
    if (!layout.groups.empty()) rows.push_back(group_row(layout));
    for (std::size_t i = numbers_first ? 1 : 0; i < layout.header.size(); ++i) rows.push_back(layout.header[i]);
    for (const auto& panel : layout.panels) {
        if (!panel.title.empty())
            rows.push_back(Row{RowKind::title, "**" + escaped(panel.title) + "**", std::vector<Cell>(layout.columns)});
        for (const auto& block : panel.blocks)
            for (const auto& row : block) {
                Row copy = row;
                copy.label = escaped(row.label);
                rows.push_back(std::move(copy));
            }
    }
    std::vector<const Row*> pointers;
    for (const auto& row : rows) pointers.push_back(&row);
    const auto aligned = align_rows(
        pointers, layout.columns, [](const Cell& cell) { return escaped(cell.text) + escaped(cell.stars); },
        std::vector<std::size_t>(layout.columns, 3));
    std::size_t label_width = 3;
    for (const auto& row : rows) label_width = std::max(label_width, display_width(row.label));

    std::ostringstream out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out << "| " << padded_right(rows[r].label, label_width);
        for (const auto& cell : aligned[r]) out << " | " << cell;
        out << " |\n";
        if (r == 0) {
            out << "|:" << std::string(label_width + 1, '-');
            for (const auto& cell : aligned[r]) out << "|:" << std::string(display_width(cell), '-') << ":";
            out << "|\n";
        }
    }
    for (const auto& note : layout.notes) out << "\n" << escaped(note) << "\n";
    return out.str();
}

}  // namespace gvcpanel::reports
