#include "reports/ruled_table.hpp"

namespace gvcpanel::reports {

namespace {

RuledCell text_cell(const std::string& text, std::size_t span = 1) {
    RuledCell cell;
    cell.text = text;
    cell.span = span;
    return cell;
}

RuledRow ruled_row(const Row& row) {
    RuledRow out;
    out.cells.push_back(text_cell(row.label));
    for (const auto& cell : row.cells) {
        out.cells.push_back(text_cell(cell.text));
        out.cells.back().stars = cell.stars;
        out.cells.back().numeric = cell.numeric;
    }
    return out;
}

}  // namespace

RuledTable ruled_table(const Layout& layout) {
    RuledTable table;
    table.columns = layout.columns;
    table.notes = layout.notes;
    if (!layout.groups.empty()) {
        RuledRow groups;
        groups.cells.push_back(text_cell(""));
        for (const auto& group : layout.groups) {
            RuledCell cell = text_cell(group.title, group.span);
            cell.under = group.title.empty() ? Rule::none : Rule::thin;
            groups.cells.push_back(cell);
        }
        table.rows.push_back(groups);
    }
    for (const auto& row : layout.header) table.rows.push_back(ruled_row(row));
    for (auto& row : table.rows) row.header = true;
    for (const auto& panel : layout.panels) {
        Rule rule = Rule::thin;  // between the header (or the previous panel) and this panel
        if (!panel.title.empty()) {
            RuledRow title;
            RuledCell cell = text_cell(panel.title, layout.columns + 1);
            cell.italic = true;
            title.cells.push_back(cell);
            title.above = rule;
            table.rows.push_back(title);
            rule = Rule::none;
        }
        for (const auto& block : panel.blocks) {
            for (std::size_t r = 0; r < block.size(); ++r) {
                table.rows.push_back(ruled_row(block[r]));
                if (r == 0) table.rows.back().above = rule;
            }
            rule = Rule::thin;
        }
    }
    if (!table.rows.empty()) {
        table.rows.front().above = Rule::thick;
        table.rows.back().below = Rule::thick;
    }
    return table;
}

}  // namespace gvcpanel::reports
