// CSV (RFC 4180): one line per table row, the label first, stars attached to the estimate; group
// headings, panel titles and notes are lines of their own, so a spreadsheet shows the table as
// printed. Fields are quoted only when they hold a comma, a quote or a line break.
#include <sstream>

#include "reports/render.hpp"

namespace gvcpanel::reports {

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

namespace {

std::string line(const Row& row) {
    std::string text = csv_field(row.label);
    for (const auto& cell : row.cells) {
        text += ',';
        text += csv_field(cell.text + cell.stars);
    }
    return text + "\n";
}

}  // namespace

std::string render_csv(const Layout& layout) {
    std::ostringstream out;
    if (!layout.groups.empty()) {
        for (const auto& group : layout.groups) out << "," << csv_field(group.title) << std::string(group.span - 1, ',');
        out << "\n";
    }
    for (const auto& row : layout.header) out << line(row);
    for (const auto& panel : layout.panels) {
        if (!panel.title.empty()) out << csv_field(panel.title) << std::string(layout.columns, ',') << "\n";
        for (const auto& block : panel.blocks)
            for (const auto& row : block) out << line(row);
    }
    for (const auto& note : layout.notes) out << csv_field(note) << std::string(layout.columns, ',') << "\n";
    return out.str();
}

}  // namespace gvcpanel::reports
