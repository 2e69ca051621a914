// The kinds of `gvcpanel measures`, one file each (docs/measures.md).
#pragma once

#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace gvcpanel::cli {

int run_measures_icio(const Args& args);   // gvcpanel measures icio --table F ... --out F.csv
int run_measures_trade(const Args& args);  // gvcpanel measures trade --data F ... --out F.csv
int run_measures_cluster(const Args& args);  // gvcpanel measures cluster --data F ... --out F.csv

// "a,b c" -> {"a", "b", "c"}: the lists of --indicators.
std::vector<std::string> split_list(const std::string& text);

}  // namespace gvcpanel::cli
