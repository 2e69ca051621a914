// The text of a Goodman-Bacon decomposition: the two-way fixed-effects coefficient and the weighted
// sum of the comparisons, each 2x2 comparison with its kind, estimate and weight, and per kind the
// total weight and weighted mean estimate (as bacondecomp prints).
#pragma once

#include <string>

#include "estimators/result.hpp"

namespace gvcpanel::reports {

std::string bacon_summary(const estimators::Result& result);

}  // namespace gvcpanel::reports
