// What a CSV column whose cells were read as text turns out to be once all its cells are known
// (docs/reading.md): numbers when every cell is one (integer, or numeric if any is not whole; a
// whole number too wide for int64 keeps the column as text, digits intact), a factor when most of
// its cells are text, and otherwise (mostly numbers, a few other tokens: "n/a", "-", "0,35") an
// error that the reader locates at the first cell that is not a number.
#pragma once

#include <cstddef>

#include "data/frame.hpp"

namespace gvcpanel::data::csv {

struct TextColumnRule {
    char decimal = '.';      // the decimal mark numbers are read with
    bool category = false;   // used as a category (id, fixed effect, cluster, factor): text is fine
    bool residues = false;   // a column that turns numeric records Column::residues
};

// Cells of a column of numbers that are not numbers: an error once located.
struct MixedColumn {
    std::size_t not_numbers = 0;  // non-missing cells that are not numbers
    std::size_t cells = 0;        // non-missing cells
    bool decimal_commas = false;  // some read as numbers with the other decimal mark ("0,35")
};

// `column` is categorical. Returns it retyped (integer or numeric) or unchanged (text); sets
// `mixed` (and returns the column unchanged) when it is a column of numbers with stray tokens.
Column type_text_column(Column column, const TextColumnRule& rule, MixedColumn& mixed);

}  // namespace gvcpanel::data::csv
