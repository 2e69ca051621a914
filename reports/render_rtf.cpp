// RTF for Word, LibreOffice and Pages: the three-line table of ruled_table.hpp as plain RTF 1.x
// table rows (\trowd ... \row) with cell borders, so every word processor draws the same rules;
// the table at the left margin as esttab puts it, numbers centred, stars as superscripts, the
// notes in a smaller size below; several tables one after another, each after its title in bold.
#include <algorithm>
#include <cstdint>
#include <string>

#include "reports/render.hpp"
#include "reports/ruled_table.hpp"

namespace gvcpanel::reports {

namespace {

constexpr int kLabelWidth = 3200;  // twips (1/1440 inch)
constexpr int kColumnWidth = 1400;

int rule_width(Rule rule) {  // twips: 0.75 pt for the outer rules, 0.4 pt inside
    return rule == Rule::thick ? 15 : rule == Rule::thin ? 8 : 0;
}

// Text as RTF: the control characters escaped, anything beyond ASCII as \uN? (UTF-16, signed).
std::string escaped(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c == '\\' || c == '{' || c == '}') out += '\\';
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        unsigned code = c & (length == 4 ? 0x07u : length == 3 ? 0x0Fu : 0x1Fu);
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
        i += length;
        const auto unit = [&out](unsigned u) {
            out += "\\u" + std::to_string(static_cast<std::int16_t>(u)) + "?";
        };
        if (code >= 0x10000) {
            unit(0xD800 + ((code - 0x10000) >> 10));
            unit(0xDC00 + ((code - 0x10000) & 0x3FF));
        } else {
            unit(code);
        }
    }
    return out;
}

std::string border(const char* side, Rule rule) {
    if (rule == Rule::none) return "";
    return std::string("\\clbrdr") + side + "\\brdrs\\brdrw" + std::to_string(rule_width(rule));
}

std::string cell_text(const RuledCell& cell) {
    std::string text = escaped(cell.text);
    if (cell.italic) text = "{\\i " + text + "}";
    return text + (cell.stars.empty() ? "" : "{\\super " + escaped(cell.stars) + "}");
}

std::string row_text(const RuledRow& row) {
    std::string text = "\\trowd\\trgaph80\\trleft0";
    std::size_t grid = 0;
    for (const auto& cell : row.cells) {
        const Rule below = std::max(row.below, cell.under);
        for (std::size_t k = 0; k < cell.span; ++k, ++grid) {
            text += border("t", row.above) + border("b", below);
            if (cell.span > 1) text += k == 0 ? "\\clmgf" : "\\clmrg";
            text += "\\cellx" + std::to_string(kLabelWidth + kColumnWidth * static_cast<int>(grid));
        }
    }
    text += "\n";
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
        text += std::string("\\pard\\intbl") + (c == 0 ? "\\ql " : "\\qc ") + cell_text(row.cells[c]) + "\\cell";
        for (std::size_t k = 1; k < row.cells[c].span; ++k) text += "\\pard\\intbl\\cell";
        text += "\n";
    }
    return text + "\\row\n";
}

}  // namespace

std::string render_rtf(const std::vector<TitledLayout>& tables) {
    std::string text = "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n{\\fonttbl{\\f0\\froman Times New Roman;}}\n"
                       "\\paperw11906\\paperh16838\\margl1134\\margr1134\\margt1134\\margb1134\n\\f0\\fs20\n";
    for (std::size_t t = 0; t < tables.size(); ++t) {
        if (t > 0) text += "\\pard\\par\n";
        if (!tables[t].title.empty()) text += "\\pard\\ql\\sa120{\\b " + escaped(tables[t].title) + "}\\par\n";
        const auto table = ruled_table(tables[t].layout);
        for (const auto& row : table.rows) text += row_text(row);
        text += "\\pard\\ql\\fs16\n";
        for (const auto& note : table.notes) text += escaped(note) + "\\par\n";
        text += "\\fs20\n";
    }
    return text + "}\n";
}

}  // namespace gvcpanel::reports
