// The subcommands of `gvcpanel`, one file each. Each takes the arguments after its name, writes its
// output, and returns the exit status; user errors propagate as gvcpanel::Error to main().
#pragma once

#include <string>
#include <vector>

namespace gvcpanel::cli {

using Args = std::vector<std::string>;


}  // namespace gvcpanel::cli
