// The kinds of `gvcpanel measures`, one file each (docs/measures.md).
#pragma once

#include "cli/commands.hpp"

namespace gvcpanel::cli {

int run_measures_icio(const Args& args);  // gvcpanel measures icio --table F ... --out F.csv

}  // namespace gvcpanel::cli
