// The moderation figure of a `fit --margins-over` result: the marginal effect of each interacted
// variable against the moderator with its pointwise band (effect -/+ c se, c the critical value
// stored with the Johnson-Neyman bounds), zero as a dashed line, the Johnson-Neyman bounds as
// dotted verticals, and a rug of the moderator's percentiles (its distribution in the data), one
// panel per variable (docs/mechanisms.md). The format follows the file's extension.
#pragma once

#include <string>

#include "estimators/result.hpp"

namespace gvcpanel::reports {

struct MarginsPlotOptions {
    std::string title;           // above the panels; empty = none
    double width = 560;          // points (pixels for PNG)
    double panel_height = 280;   // points per variable
};

// An Error when the result has no effects over a moderator (margins with an "at" point and a
// johnson_neyman entry).
void plot_margins(const estimators::Result& result, const std::string& path, const MarginsPlotOptions& options);

}  // namespace gvcpanel::reports
