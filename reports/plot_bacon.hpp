// The Goodman-Bacon scatter: each 2x2 comparison's estimate against its weight, coloured by its
// kind (treated against never treated, earlier against later, later against earlier, against the
// always treated), with the two-way fixed-effects coefficient (their weighted mean) as a dashed line.
#pragma once

#include <string>

#include "estimators/result.hpp"

namespace gvcpanel::reports {

// `result`: a bacon result (rows with weights, stat twfe). Written to PNG, SVG or PDF by extension.
void plot_bacon(const estimators::Result& result, const std::string& path, double width = 760, double height = 500);

// "Treated vs never treated" ...: the kind of a bacon row, from its name.
std::string bacon_kind(const std::string& row_name);

}  // namespace gvcpanel::reports
