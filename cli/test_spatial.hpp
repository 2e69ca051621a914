// The spatial tests that `gvcpanel test` hands over when named: moran, lm_lag, lm_error, rlm_lag,
// rlm_error (cli/test_spatial.cpp, docs/spatial.md).
#pragma once

#include <string>

#include "cli/commands.hpp"

namespace gvcpanel::cli {

bool is_spatial_test(const std::string& name);
int run_spatial_test(const Args& args);

}  // namespace gvcpanel::cli
