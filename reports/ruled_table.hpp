// A Layout as the rows of a three-line table (esttab's look: a thick rule above the table, a thin
// one under the header and between blocks, a thick one at the bottom), for the formats that draw
// rules cell by cell: RTF, docx and xlsx. The renderers only escape text and draw the rules.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "reports/layout.hpp"

namespace gvcpanel::reports {

enum class Rule { none, thin, thick };

struct RuledCell {
    std::string text;          // as printed (not escaped)
    std::string stars;         // superscript after the text
    std::size_t span = 1;      // grid columns this cell covers (group headings, panel titles)
    bool numeric = false;      // a number (renderers may store it as one)
    bool italic = false;       // panel titles
    Rule under = Rule::none;   // a rule under this cell alone (the line under a group heading)
};

struct RuledRow {
    std::vector<RuledCell> cells;  // the first is the label column
    Rule above = Rule::none;
    Rule below = Rule::none;
    bool header = false;           // above the first rule inside the table: headings, (1) (2), titles
};

struct RuledTable {
    std::size_t columns = 0;          // model columns (the label column not counted)
    std::vector<RuledRow> rows;
    std::vector<std::string> notes;   // below the table
};

RuledTable ruled_table(const Layout& layout);

}  // namespace gvcpanel::reports
