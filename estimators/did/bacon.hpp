// Goodman-Bacon (2021), "Difference-in-differences with variation in treatment timing", J. of
// Econometrics 225(2): the two-way fixed-effects coefficient of a staggered 0/1 treatment on a
// balanced panel is a weighted average of every 2x2 difference-in-differences between timing
// groups: earlier- against later-treated (before the later start), later- against earlier-treated
// (after the earlier start), treated against never treated, and against the always treated. The
// estimates are the 2x2 DiDs of group-period means, the weights bacondecomp 0.1.1's (sample shares
// squared times the treatment variance of each subsample, scaled to sum to one).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "estimators/result.hpp"

namespace gvcpanel::estimators::did {

struct BaconInput {
    std::vector<double> y;               // outcome per observation
    std::vector<double> treated;         // 0/1, never switching back
    std::vector<std::int32_t> unit;      // unit code per observation
    std::vector<double> time;            // period per observation
    std::function<std::string(std::int32_t)> unit_label;  // for messages
};

// Rows `treated_vs_never:2005`, `treated_vs_always:2005`, `earlier_vs_later:2005:2006`,
// `later_vs_earlier:2009:2008` (treated group first), each with estimate and weight; nothing else
// (se and tests null). Errors: an unbalanced panel, a treatment that is not 0/1 or switches off.
Result bacon_decomposition(const BaconInput& input);

}  // namespace gvcpanel::estimators::did
