// Finding a cell again after the parallel parse, for an error that is only known once a whole
// column is (a column of numbers with a stray token): one serial walk over the records, counting
// lines as the chunk parser does, to the first cell that matches.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace gvcpanel::data::csv {

struct CellAt {
    std::size_t line = 0;    // 1-based line of the file
    std::size_t column = 0;  // 1-based byte position in that line
    std::size_t field = 0;   // 0-based field of the record
    std::string text;        // the cell's text (unquoted, spaces around it dropped)
};

// The first cell, in file order, for which `wanted(field, text)` holds, in the records of
// [begin, end) (which start on line `first_line` and have `n_fields` fields); none if no cell does.
std::optional<CellAt> find_cell(const char* begin, const char* end, std::size_t first_line, char delimiter,
                                std::size_t n_fields,
                                const std::function<bool(std::size_t, std::string_view)>& wanted);

}  // namespace gvcpanel::data::csv
