// Statistics rows chosen by name: a key names a field of Result ("nobs"; "fe_levels", one row per
// fixed-effect dimension with its number of levels, "fe_levels:firm"), an entry of its stats ("r2",
// "y_mean", "n_clusters:firm", "theta:mean") or a test ("test:hansen:p", "test:ar2", field p by
// default; stat and df also). This file turns keys into row labels and printed cells.
#pragma once

#include <string>
#include <vector>

#include "estimators/result.hpp"
#include "reports/labels.hpp"
#include "reports/layout.hpp"

namespace gvcpanel::reports {

// The rows that the requested keys give for these results, in the requested order: a key whose
// value is an object in some result ("n_clusters") becomes one row per entry ("n_clusters:firm").
// A statistic that no result has is left out when its name is one of conventions.md; any other
// unknown key, and a test that no result has, is an Error.
std::vector<std::string> statistic_keys(const std::vector<std::string>& requested,
                                        const std::vector<const estimators::Result*>& results);

// "Observations", "Within R-squared", "Clusters (firm)", "Hansen J p-value"; a label given for the
// key in `labels` wins.
std::string statistic_label(const std::string& key, const Labels& labels);

// The printed value of `key` in `result` (counts without decimals); an empty cell when absent.
Cell statistic_cell(const estimators::Result& result, const std::string& key, int digits);

}  // namespace gvcpanel::reports
