#include "reports/align.hpp"

#include <algorithm>

namespace gvcpanel::reports {

namespace {

// Where a number's decimal point is, or would be: after its leading sign, bracket and digits.
std::size_t decimal_position(const std::string& text) {
    const auto dot = text.find('.');
    if (dot != std::string::npos) return dot;
    std::size_t i = 0;
    while (i < text.size() && (text[i] == '-' || text[i] == '(' || text[i] == '[')) ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i;
}

}  // namespace

std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string centred(const std::string& text, std::size_t width) {
    const std::size_t w = display_width(text);
    if (w >= width) return text;
    const std::size_t left = (width - w) / 2;
    return std::string(left, ' ') + text + std::string(width - w - left, ' ');
}

std::string padded_right(const std::string& text, std::size_t width) {
    const std::size_t w = display_width(text);
    return w >= width ? text : text + std::string(width - w, ' ');
}

std::vector<std::string> align_column(const std::vector<Cell>& cells, const std::vector<std::string>& printed,
                                      std::size_t min_width) {
    std::size_t left = 0;
    std::size_t right = 0;
    std::size_t width = min_width;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (printed[i].empty()) continue;
        if (cells[i].numeric) {
            const auto split = decimal_position(printed[i]);
            left = std::max(left, display_width(printed[i].substr(0, split)));
            right = std::max(right, display_width(printed[i].substr(split)));
        } else {
            width = std::max(width, display_width(printed[i]));
        }
    }
    width = std::max(width, left + right);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i].numeric && !printed[i].empty()) {
            const auto split = decimal_position(printed[i]);
            const std::size_t head = display_width(printed[i].substr(0, split));
            const std::string number = padded_right(std::string(left - head, ' ') + printed[i], left + right);
            const std::size_t margin = (width - left - right) / 2;
            out.push_back(std::string(margin, ' ') + padded_right(number, width - margin));
        } else {
            out.push_back(centred(printed[i], width));
        }
    }
    return out;
}

std::vector<std::vector<std::string>> align_rows(const std::vector<const Row*>& rows, std::size_t columns,
                                                 const std::function<std::string(const Cell&)>& print,
                                                 const std::vector<std::size_t>& min_widths) {
    std::vector<std::vector<std::string>> out(rows.size(), std::vector<std::string>(columns));
    for (std::size_t c = 0; c < columns; ++c) {
        std::vector<Cell> cells;
        std::vector<std::string> printed;
        for (const auto* row : rows) {
            cells.push_back(c < row->cells.size() ? row->cells[c] : Cell{});
            printed.push_back(print(cells.back()));
        }
        const auto aligned = align_column(cells, printed, c < min_widths.size() ? min_widths[c] : 0);
        for (std::size_t r = 0; r < rows.size(); ++r) out[r][c] = aligned[r];
    }
    return out;
}

}  // namespace gvcpanel::reports
