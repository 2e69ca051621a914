// LaTeX: a tabular inside a threeparttable, with booktabs rules and the notes as tablenotes, so a
// document needs only \usepackage{booktabs,threeparttable}. With decimal alignment the model
// columns are dcolumn's D{.}{.}{-1} (cells in math mode; words wrapped in \multicolumn) and the
// document also needs \usepackage{dcolumn}.
#include <cctype>
#include <sstream>

#include "reports/render.hpp"

namespace gvcpanel::reports {

namespace {

std::string escaped(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (text.compare(i, 2, "×") == 0) {  // the multiplication sign of interaction labels
            out += "$\\times$";
            ++i;
            continue;
        }
        switch (c) {
            case '\\': out += "\\textbackslash{}"; break;
            case '&': case '%': case '$': case '#': case '_': case '{': case '}': out += '\\'; out += c; break;
            case '~': out += "\\textasciitilde{}"; break;
            case '^': out += "\\textasciicircum{}"; break;
            case '<': out += "$<$"; break;
            case '>': out += "$>$"; break;
            default: out += c;
        }
    }
    return out;
}

// A number in text mode: a true minus sign instead of a hyphen.
std::string text_number(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool minus = text[i] == '-' && i + 1 < text.size() && (std::isdigit(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '.');
        out += minus ? std::string("$-$") : escaped(std::string(1, text[i]));
    }
    return out;
}

std::string cell_text(const Cell& cell, bool aligned) {
    if (cell.text.empty()) return "";
    if (!cell.numeric) return aligned ? "\\multicolumn{1}{c}{" + escaped(cell.text) + "}" : escaped(cell.text);
    if (aligned) return cell.text + (cell.stars.empty() ? "" : "^{" + cell.stars + "}");
    return text_number(cell.text) + (cell.stars.empty() ? "" : "$^{" + cell.stars + "}$");
}

std::string row_line(const Row& row, bool aligned) {
    std::string line = escaped(row.label);
    for (const auto& cell : row.cells) line += " & " + cell_text(cell, aligned);
    return line + " \\\\\n";
}

std::string group_lines(const Layout& layout) {
    std::string titles;
    std::string rules;
    std::size_t first = 2;
    for (const auto& group : layout.groups) {
        titles += " & \\multicolumn{" + std::to_string(group.span) + "}{c}{" + escaped(group.title) + "}";
        if (!group.title.empty())
            rules += "\\cmidrule(lr){" + std::to_string(first) + "-" + std::to_string(first + group.span - 1) + "}";
        first += group.span;
    }
    return titles + " \\\\\n" + (rules.empty() ? "" : rules + "\n");
}

}  // namespace

std::string render_latex(const Layout& layout, const RenderOptions& options) {
    const bool aligned = options.latex_decimal_align;
    const std::string column = aligned ? "D{.}{.}{-1}" : "c";
    const std::string span = std::to_string(layout.columns + 1);
    std::ostringstream out;
    out << "% Needs \\usepackage{booktabs,threeparttable}" << (aligned ? " and \\usepackage{dcolumn}" : "") << "\n";
    out << "\\begin{threeparttable}\n";
    out << "\\begin{tabular}{@{}l*{" << layout.columns << "}{" << column << "}@{}}\n";
    out << "\\toprule\n";
    if (!layout.groups.empty()) out << group_lines(layout);
    for (const auto& row : layout.header) out << row_line(row, aligned);
    for (const auto& panel : layout.panels) {
        out << "\\midrule\n";
        if (!panel.title.empty())
            out << "\\multicolumn{" << span << "}{@{}l}{\\textit{" << escaped(panel.title) << "}} \\\\\n";
        for (std::size_t b = 0; b < panel.blocks.size(); ++b) {
            if (b > 0) out << "\\midrule\n";
            for (const auto& row : panel.blocks[b]) out << row_line(row, aligned);
        }
    }
    out << "\\bottomrule\n";
    out << "\\end{tabular}\n";
    if (!layout.notes.empty()) {
        out << "\\begin{tablenotes}[flushleft]\n\\footnotesize\\raggedright\n";
        for (const auto& note : layout.notes) out << "\\item " << escaped(note) << "\n";
        out << "\\end{tablenotes}\n";
    }
    out << "\\end{threeparttable}\n";
    return out.str();
}

}  // namespace gvcpanel::reports
