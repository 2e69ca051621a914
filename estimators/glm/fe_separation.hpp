// Observations that a fixed effect predicts perfectly: a group whose outcomes are all zero
// (Poisson: its effect goes to -infinity) or all equal (logit, probit: to +-infinity). They carry
// no information on the slopes and stop IRLS from converging, so they are dropped, and dropping
// them can empty groups of another dimension, so the check repeats (ppmlhdfe, fixest).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

// Flags (0) in `keep` the rows of every fixed-effect group whose outcome does not vary (binary)
// or is all zero (count), repeating until no group is left. Returns the number of rows dropped.
std::size_t flag_fe_separation(const models::Design& design, bool binary, std::vector<std::uint8_t>& keep);

// The design restricted to the rows with keep = 1: y, X, weights, offset, the sample's rows,
// entity and period codes, and every grouping (recoded 0..levels-1 over the rows kept).
models::Design restrict_rows(const models::Design& design, const std::vector<std::uint8_t>& keep);

}  // namespace gvcpanel::estimators
