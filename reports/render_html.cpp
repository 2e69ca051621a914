// HTML: a <table> with the headings in <thead>, one <tbody> per block (rules between them come
// from the style), stars as superscripts and notes in <tfoot>. Standalone adds a page with a
// booktabs-like style; the fragment leaves styling to the host page (class "gvcpanel-table").
#include <sstream>

#include "reports/render.hpp"

namespace gvcpanel::reports {

std::string html_escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

std::string row_html(const Row& row, const std::string& tag) {
    std::ostringstream html;
    html << "<tr><" << tag << " class=\"label\">" << html_escaped(row.label) << "</" << tag << ">";
    for (const auto& cell : row.cells) {
        html << "<" << tag << ">" << html_escaped(cell.text);
        if (!cell.stars.empty()) html << "<sup>" << html_escaped(cell.stars) << "</sup>";
        html << "</" << tag << ">";
    }
    html << "</tr>\n";
    return html.str();
}

const char* kStyle =
    "<style>\n"
    "table.gvcpanel-table { border-collapse: collapse; font-family: serif; font-variant-numeric: tabular-nums; }\n"
    "table.gvcpanel-table th, table.gvcpanel-table td { padding: 0.15em 0.8em; text-align: center; font-weight: normal; }\n"
    "table.gvcpanel-table .label { text-align: left; }\n"
    "table.gvcpanel-table thead { border-top: 2px solid black; }\n"
    "table.gvcpanel-table tbody { border-top: 1px solid black; }\n"
    "table.gvcpanel-table tbody:last-of-type { border-bottom: 2px solid black; }\n"
    "table.gvcpanel-table th.group { border-bottom: 1px solid black; }\n"
    "table.gvcpanel-table tr.panel td { text-align: left; font-style: italic; }\n"
    "table.gvcpanel-table tfoot td { text-align: left; font-size: 0.85em; }\n"
    "</style>\n";

}  // namespace

std::string render_html(const Layout& layout, const RenderOptions& options) {
    const std::string span = std::to_string(layout.columns + 1);
    std::ostringstream out;
    if (options.html_standalone)
        out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Regression table</title>\n"
            << kStyle << "</head>\n<body>\n";
    out << "<table class=\"gvcpanel-table\">\n<thead>\n";
    if (!layout.groups.empty()) {
        out << "<tr><th class=\"label\"></th>";
        for (const auto& group : layout.groups)
            out << "<th colspan=\"" << group.span << "\"" << (group.title.empty() ? "" : " class=\"group\"") << ">"
                << html_escaped(group.title) << "</th>";
        out << "</tr>\n";
    }
    for (const auto& row : layout.header) out << row_html(row, "th");
    out << "</thead>\n";
    for (const auto& panel : layout.panels)
        for (std::size_t b = 0; b < panel.blocks.size(); ++b) {
            out << "<tbody>\n";
            if (b == 0 && !panel.title.empty())
                out << "<tr class=\"panel\"><td colspan=\"" << span << "\">" << html_escaped(panel.title) << "</td></tr>\n";
            for (const auto& row : panel.blocks[b]) out << row_html(row, "td");
            out << "</tbody>\n";
        }
    if (!layout.notes.empty()) {
        out << "<tfoot>\n";
        for (const auto& note : layout.notes) out << "<tr><td colspan=\"" << span << "\">" << html_escaped(note) << "</td></tr>\n";
        out << "</tfoot>\n";
    }
    out << "</table>\n";
    if (options.html_standalone) out << "</body>\n</html>\n";
    return out.str();
}

}  // namespace gvcpanel::reports
