// The CSV header line: the delimiter (given, or detected as the most frequent of comma, semicolon
// and tab outside quotes), the column names, and where the data begin. A UTF-8 byte order mark is
// skipped. Also the line-end convention: "\n", "\r\n", or "\r" alone.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gvcpanel::data::csv {

struct Header {
    char delimiter = ',';
    std::vector<std::string> names;  // an empty name becomes V<k> (k = 1-based position)
    const char* data_start = nullptr;  // first byte after the header line
    std::size_t lines = 1;             // lines the header spans (quoted names may hold newlines)
};

// Throws Error "PATH:LINE:COL: ..." for an empty file, a duplicate name, or a malformed field.
// With a decimal comma, the delimiter is detected among semicolon and tab only.
Header parse_header(const char* begin, const char* end, char delimiter, char decimal, const std::string& path);

// True when the first line ends with a carriage return alone (old Mac files): the reader then
// reads every '\r' as a line end.
bool cr_line_ends(const char* begin, const char* end);

}  // namespace gvcpanel::data::csv
