// Hansen's (1999) figure for a threshold result: the likelihood-ratio statistic LR(gamma) against the
// candidate thresholds with the critical value c(alpha) as a dashed line (the no-rejection region is
// where the curve lies below it), one panel per threshold, read from the result's `threshold_lr`,
// `lr_critical` and `gammaJ` stats (docs/threshold.md). The format follows the file's extension.
#pragma once

#include <string>

#include "estimators/result.hpp"

namespace gvcpanel::reports {

struct ThresholdPlotOptions {
    std::string title;            // above the panels; empty = none
    std::string variable = "q";   // the threshold variable's name, on the horizontal axis
    double width = 560;           // points (pixels for PNG)
    double panel_height = 260;    // points per threshold
};

// An Error when the result has no LR curves (not an --estimator threshold result).
void plot_threshold(const estimators::Result& result, const std::string& path, const ThresholdPlotOptions& options);

}  // namespace gvcpanel::reports
