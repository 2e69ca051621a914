// The CSV header line: the delimiter (given, or detected as the most frequent of comma, semicolon
// and tab outside quotes), the column names, and where the data begin. A UTF-8 byte order mark is
// skipped.
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
Header parse_header(const char* begin, const char* end, char delimiter, const std::string& path);

}  // namespace gvcpanel::data::csv
