// The cells of one worksheet of an Excel workbook (.xlsx, Office Open XML SpreadsheetML, ECMA-376
// part 1 section 18), read with libzip (the archive) and expat (a streaming XML parser: a sheet is
// read in one pass without holding its XML tree). Shared strings, inline strings, booleans, error
// values and the cached results of formulas are resolved; a number keeps the decimal text the file
// stores (Excel writes the shortest text that reads back to the same double, so parsing it gives
// that double exactly); a number whose cell format is a date or time is a date, given as ISO text
// (the 1900 and 1904 date systems, and Excel's fictitious 1900-02-29, handled).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "data/input_file.hpp"

namespace gvcpanel::data {

struct XlsxCell {
    enum class Kind { number, text, boolean, date, error };
    std::size_t row = 0, column = 0;  // 0-based: A1 is (0, 0)
    Kind kind = Kind::text;
    double number = 0;   // number; boolean 0 or 1; date: Excel's serial day count
    std::string text;    // text; number: the decimal as stored; date: "2005-03-31" or
                         // "2005-03-31 14:30:00"; boolean "TRUE"/"FALSE"; error "#N/A", "#DIV/0!"
    std::string format;  // the cell's number format code ("0.000", "yyyy-mm-dd"); "" = General
};

struct XlsxSheet {
    std::string name;
    std::vector<XlsxCell> cells;  // the cells present in the file, row by row, left to right
};

// "A1" for (0, 0): the cell's name as Excel shows it, for messages.
std::string xlsx_cell_name(std::size_t row, std::size_t column);

// The worksheet names in workbook order. A file that is not an .xlsx workbook is an Error.
std::vector<std::string> xlsx_sheet_names(const std::string& path);

// The sheet called `sheet`, or the first when `sheet` is empty; an unknown name is an Error that
// lists the sheets. The workbook may come from a file or, already read, from a pipe.
XlsxSheet read_xlsx_sheet(const InputFile& input, const std::string& sheet = "");
XlsxSheet read_xlsx_sheet(const std::string& path, const std::string& sheet = "");

}  // namespace gvcpanel::data
