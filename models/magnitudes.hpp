// Numbers the estimators can carry. A variable whose values reach beyond 1e75 in absolute value (a
// regressor times 1e300, a weight of 1e300, a count of 1e300) makes cross-products, variances or
// likelihoods overflow or underflow in double precision: its column would look collinear, its
// standard errors come out 0 or NA, or the fit fail. Scale is not collinearity: such a design is
// refused, naming the variable, its largest value and the rescaling that fixes it. 1e75 leaves
// room: squares of ratios up to 1e150 between variables, times 10^9 observations, stay finite.
#pragma once

#include "models/design.hpp"

namespace gvcpanel::models {

inline constexpr double kLargestMagnitude = 1e75;

// Throws an Error naming the first outcome, regressor, instrument, weight or offset column whose
// largest absolute value exceeds kLargestMagnitude (or is not finite).
void check_magnitudes(const Design& design);

}  // namespace gvcpanel::models
