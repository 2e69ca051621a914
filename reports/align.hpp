// Column alignment for the plain-text formats (console, Markdown): numbers line up on their decimal
// point (or where it would be), other cells are centred. Widths count characters, not UTF-8 bytes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "reports/layout.hpp"

namespace gvcpanel::reports {

// Characters shown (UTF-8 code points).
std::size_t display_width(const std::string& text);

// `text` centred in `width` (extra space goes right).
std::string centred(const std::string& text, std::size_t width);
// `text` followed by spaces up to `width`.
std::string padded_right(const std::string& text, std::size_t width);

// The cells of one column, each with its printed text (stars already attached), padded to one
// width of at least `min_width`.
std::vector<std::string> align_column(const std::vector<Cell>& cells, const std::vector<std::string>& printed,
                                      std::size_t min_width);

// The cells of `rows`, aligned column by column: result[r][c] is row r's cell c, every column
// padded to one width of at least `min_widths[c]`. `print` turns a cell into its text.
std::vector<std::vector<std::string>> align_rows(const std::vector<const Row*>& rows, std::size_t columns,
                                                 const std::function<std::string(const Cell&)>& print,
                                                 const std::vector<std::size_t>& min_widths);

}  // namespace gvcpanel::reports
