// Reading saved results: each RESULT.json holds one result object or an array of them, as
// `gvcpanel fit --format json` writes. Shared by `table` and `plot`.
#pragma once

#include <string>
#include <vector>

#include "estimators/result.hpp"

namespace gvcpanel::cli {

// The results in one file, in order; a file that is not a result is an Error naming it.
std::vector<estimators::Result> read_result_file(const std::string& path);

// The results of all files, one after another.
std::vector<estimators::Result> read_result_files(const std::vector<std::string>& paths);

}  // namespace gvcpanel::cli
