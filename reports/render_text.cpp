// Console text: a fixed-width table with = and - rules, numbers aligned on the decimal point,
// spanning group headings underlined, panel titles on their own line, notes below.
#include <algorithm>
#include <sstream>

#include "reports/align.hpp"
#include "reports/render.hpp"

namespace gvcpanel::reports {

namespace {

constexpr std::size_t kGap = 2;  // spaces between columns

std::vector<const Row*> all_rows(const Layout& layout) {
    std::vector<const Row*> rows;
    for (const auto& row : layout.header) rows.push_back(&row);
    for (const auto& panel : layout.panels)
        for (const auto& block : panel.blocks)
            for (const auto& row : block) rows.push_back(&row);
    return rows;
}

// Column widths wide enough for every group heading over its span.
std::vector<std::size_t> group_min_widths(const Layout& layout, const std::vector<std::size_t>& widths) {
    std::vector<std::size_t> min = widths;
    std::size_t first = 0;
    for (const auto& group : layout.groups) {
        std::size_t spanned = kGap * (group.span - 1);
        for (std::size_t c = first; c < first + group.span; ++c) spanned += widths[c];
        const std::size_t need = display_width(group.title);
        if (need > spanned)
            for (std::size_t c = first; c < first + group.span; ++c) min[c] += (need - spanned + group.span - 1) / group.span;
        first += group.span;
    }
    return min;
}

std::string group_lines(const Layout& layout, std::size_t label_width, const std::vector<std::size_t>& widths) {
    std::string titles(label_width, ' ');
    std::string rules(label_width, ' ');
    std::size_t first = 0;
    for (const auto& group : layout.groups) {
        std::size_t spanned = kGap * (group.span - 1);
        for (std::size_t c = first; c < first + group.span; ++c) spanned += widths[c];
        titles += std::string(kGap, ' ') + centred(group.title, spanned);
        rules += std::string(kGap, ' ') + std::string(spanned, group.title.empty() ? ' ' : '-');
        first += group.span;
    }
    while (!rules.empty() && rules.back() == ' ') rules.pop_back();
    while (!titles.empty() && titles.back() == ' ') titles.pop_back();
    return titles + "\n" + rules + "\n";
}

}  // namespace

std::string render_text(const Layout& layout) {
    const auto rows = all_rows(layout);
    const auto print = [](const Cell& cell) { return cell.text + cell.stars; };
    auto aligned = align_rows(rows, layout.columns, print, {});
    std::vector<std::size_t> widths(layout.columns, 0);
    for (std::size_t c = 0; c < layout.columns; ++c)
        if (!aligned.empty()) widths[c] = display_width(aligned[0][c]);
    if (!layout.groups.empty()) {
        aligned = align_rows(rows, layout.columns, print, group_min_widths(layout, widths));
        for (std::size_t c = 0; c < layout.columns; ++c)
            if (!aligned.empty()) widths[c] = display_width(aligned[0][c]);
    }
    std::size_t label_width = 0;
    for (const auto* row : rows) label_width = std::max(label_width, display_width(row->label));
    std::size_t total = label_width;
    for (auto w : widths) total += kGap + w;
    for (const auto& panel : layout.panels) total = std::max(total, display_width(panel.title));

    std::ostringstream out;
    std::size_t index = 0;
    auto line = [&](const Row& row) {
        std::string text = padded_right(row.label, label_width);
        for (const auto& cell : aligned[index]) text += std::string(kGap, ' ') + cell;
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out << text << "\n";
        ++index;
    };
    const std::string heavy(total, '='), light(total, '-');
    out << heavy << "\n";
    if (!layout.groups.empty()) out << group_lines(layout, label_width, widths);
    for (const auto& row : layout.header) line(row);
    for (const auto& panel : layout.panels) {
        out << light << "\n";
        if (!panel.title.empty()) out << panel.title << "\n";
        for (std::size_t b = 0; b < panel.blocks.size(); ++b) {
            if (b > 0) out << light << "\n";
            for (const auto& row : panel.blocks[b]) line(row);
        }
    }
    out << heavy << "\n";
    for (const auto& note : layout.notes) out << note << "\n";
    return out.str();
}

}  // namespace gvcpanel::reports
