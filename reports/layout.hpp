// reports::Layout: a table as rows of printed cells, independent of the output format. The table
// builder decides every number and word; a renderer only decides how rows, rules and stars look.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gvcpanel::reports {

struct Cell {
    std::string text;     // as printed: "0.512", "(0.045)", "Yes", "tfp"
    std::string stars;    // significance symbols, kept apart so each format can set them
    bool numeric = false; // a number (aligned on its decimal point when alignment is asked for)
};

enum class RowKind {
    number,        // model numbers (1) (2) ...
    title,         // model titles
    outcome,       // the dependent variable
    estimator,     // the estimator (or IV stage) of each model
    estimate,      // a coefficient
    uncertainty,   // its standard error, t, p or interval, below it
    fixed_effect,  // "Firm FE  Yes"
    statistic,     // N, R-squared, tests
};

struct Row {
    RowKind kind = RowKind::estimate;
    std::string label;        // first column
    std::vector<Cell> cells;  // one per model column
};

// A heading that spans `span` consecutive model columns; an empty title leaves them without one.
struct ColumnGroup {
    std::string title;
    std::size_t span = 1;
};

// Rows between two rules.
using Block = std::vector<Row>;

struct PanelLayout {
    std::string title;          // "Panel A: Exporters"; empty for a table without panels
    std::vector<Block> blocks;  // coefficients, fixed effects, statistics (empty blocks left out)
};

struct Layout {
    std::size_t columns = 0;           // model columns (the label column not counted)
    std::vector<ColumnGroup> groups;   // spanning headings above the model columns; may be empty
    std::vector<Row> header;           // numbers, titles, dependent variable
    std::vector<PanelLayout> panels;
    std::vector<std::string> notes;    // printed below the table, one line each
};

}  // namespace gvcpanel::reports
