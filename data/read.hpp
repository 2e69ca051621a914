// Reading a table from a file: CSV (comma, semicolon or tab) or Stata .dta, chosen by extension.
// Errors say FILE:LINE:COL (the CSV header is line 1).
//
// CSV: the first row is the header (an empty name becomes V<k>, as fread; a duplicate is an error).
// A file with a header but no data rows is an error, as is an empty file: there is nothing to
// estimate on. Each column is integer if every non-missing cell is an integer, else numeric if
// every cell is a number, else categorical with levels sorted byte-wise. Spaces around an
// unquoted cell or name are dropped (as fread); inside quotes they are kept. A blank line is
// skipped when the header has more than one column.
// Stata .dta (formats 104 to 119; 114 to 119 are Stata 10 to 18's): numeric variables become numeric (float, double) or integer (byte, int, long)
// columns; . and .a to .z are missing; a variable with value labels becomes categorical with the
// label texts as levels in the order of the underlying values; strings become categorical ("" is
// missing); variable labels go to Column::label.
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::data {

struct ReadOptions {
    char delimiter = 0;                                   // 0 = detect from the header line
    std::vector<std::string> missing = {"", "NA", "."};  // CSV cells read as missing
    std::vector<std::string> columns;                     // read only these (empty = all)
    std::vector<std::string> numeric_columns;             // CSV: a non-number here is an error
    int threads = 0;                                      // parsing threads; 0 = all cores
    bool decimal_residues = false;                        // CSV: fill Column::residues (nls)

    // Throws Error naming the field, its value and the rule: the delimiter cannot be a quote or a
    // line end, threads cannot be negative, column names cannot be empty.
    void validate() const;
};

Frame read_csv(const std::string& path, const ReadOptions& options = {});
Frame read_dta(const std::string& path, const ReadOptions& options = {});
// .dta -> read_dta, anything else -> read_csv.
Frame read_table(const std::string& path, const ReadOptions& options = {});

}  // namespace gvcpanel::data
