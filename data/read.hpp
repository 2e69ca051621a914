// Reading a table from a file: CSV (comma, semicolon or tab) or Stata .dta, chosen by extension.
// Errors say FILE:LINE:COL (the CSV header is line 1).
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::data {

struct ReadOptions {
    char delimiter = 0;                                   // 0 = detect from the header line
    std::vector<std::string> missing = {"", "NA", "."};  // CSV cells read as missing
    std::vector<std::string> columns;                     // read only these (empty = all)
    int threads = 0;                                      // parsing threads; 0 = all cores
};

Frame read_csv(const std::string& path, const ReadOptions& options = {});
Frame read_dta(const std::string& path, const ReadOptions& options = {});
// .dta -> read_dta, anything else -> read_csv.
Frame read_table(const std::string& path, const ReadOptions& options = {});

}  // namespace gvcpanel::data
