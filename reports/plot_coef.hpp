// The coefficient plot: each term's estimate with its confidence interval, one row per term and
// the models dodged within the row in the colours of a legend, with a zero line. Written to PNG,
// SVG or PDF by the file's extension.
#pragma once

#include <string>
#include <vector>

#include "estimators/result.hpp"
#include "reports/labels.hpp"
#include "reports/term_selection.hpp"

namespace gvcpanel::reports {

struct CoefPlotOptions {
    double width = 800;                    // points (pixels for PNG)
    double height = 0;                     // 0 = from the number of terms and models
    double level = 0.95;                   // confidence level of the intervals
    TermSelection terms;                   // keep, drop, order, rename (as in tables)
    Labels labels;                         // display names of the terms
    std::vector<std::string> model_names;  // legend entries; empty = (1), (2), ...
    std::string title;                     // above the plot; empty = none
    bool intercept = false;                // show "(Intercept)" (usually on another scale)

    void validate() const;
};

// The interval of one coefficient at `level`: the result's own ci_low/ci_high when the level is
// 0.95 and they are there (they carry the estimator's t or normal quantile), else estimate +- z se
// with the normal quantile z.
std::pair<double, double> confidence_interval(const estimators::CoefRow& row, double level);

void plot_coef(const std::vector<estimators::Result>& results, const std::string& path,
               const CoefPlotOptions& options = {});

}  // namespace gvcpanel::reports
