// Reading a table from a file, a pipe or standard input ("-"): CSV (comma, semicolon or tab),
// Stata .dta or Excel .xlsx, chosen by the extension or, for a name without one, by the first bytes. Errors say
// FILE:LINE:COL for CSV (the header is line 1) and the byte offset or section for .dta. The rules
// of what is a number, a missing value, a factor, a date and an id are in docs/reading.md.
//
// CSV: the first row is the header (an empty name becomes V<k>, as fread; a duplicate is an error).
// A file with a header but no data rows is an error, as is an empty file, and so is a last line
// without a line end (a file cut short looks just like that). Lines may end in "\n", "\r\n" or
// "\r" alone (old Mac files). A column is integer if every non-missing cell is a whole number that
// fits int64 (wider ones keep the column as text, every digit kept), else numeric if every cell is
// a number, else text, read as a factor (levels sorted byte-wise) when most of its cells are not
// numbers; a column of mostly numbers with some other cells is an error at the first of them.
// Spaces around an unquoted cell or name are dropped (as fread); inside quotes they are kept. A
// blank line is skipped when the header has more than one column.
// Stata .dta (formats 104 to 119; 114 to 119 are Stata 10 to 18's): the file must be whole (the
// declared observations present, the value labels complete, nothing after the end); numeric
// variables become numeric (float, double) or integer (byte, int, long) columns, with their value
// labels kept beside the numbers (Column::value_labels), as Stata; . and .a to .z are missing;
// strings become categorical ("" is missing); variable labels go to Column::label.
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"
#include "data/input_file.hpp"

namespace gvcpanel::data {

struct ReadOptions {
    char delimiter = 0;                                   // 0 = detect from the header line
    char decimal = '.';                                   // CSV: decimal mark, '.' or ',' (then ';' or tab separate)
    std::vector<std::string> missing = {"", "NA", "."};  // CSV cells read as missing
    std::vector<std::string> columns;                     // read only these (empty = all)
    std::vector<std::string> numeric_columns;             // CSV: a non-number here is an error
    std::vector<std::string> text_columns;                // CSV: read as text, as written (codes, ids)
    std::vector<std::string> category_columns;            // CSV: used only as categories; text is no error
    int threads = 0;                                      // parsing threads; 0 = all cores
    bool decimal_residues = false;                        // CSV: fill Column::residues (nls)
    double fifo_wait_seconds = InputFile::kFifoWaitSeconds;  // a FIFO without a writer this long is an error
    std::string sheet;                                    // .xlsx: the sheet to read; "" = the first

    // Throws Error naming the field, its value and the rule: the delimiter cannot be a quote, a
    // line end or the decimal mark, the decimal mark is '.' or ',', threads and the FIFO wait
    // cannot be negative, column names cannot be empty, a column cannot be both text and numeric.
    void validate() const;
};

Frame read_csv(const std::string& path, const ReadOptions& options = {});
Frame read_dta(const std::string& path, const ReadOptions& options = {});
// Excel .xlsx: the first sheet, or ReadOptions::sheet; its cells typed by the CSV rules
// (data/xlsx_reader.cpp, docs/reading.md).
Frame read_xlsx(const std::string& path, const ReadOptions& options = {});
// The same on an input already open (its name() names it in messages).
Frame read_csv(InputFile& input, const ReadOptions& options = {});
Frame read_dta(const InputFile& input, const ReadOptions& options = {});
Frame read_xlsx(const InputFile& input, const ReadOptions& options = {});
// .dta and .xlsx (by extension, or by their first bytes when the name has no extension: a pipe,
// "-") -> read_dta, read_xlsx; anything else -> read_csv.
Frame read_table(const std::string& path, const ReadOptions& options = {});

}  // namespace gvcpanel::data
