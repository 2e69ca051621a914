// Numbers the estimators can carry. A variable whose values reach beyond 1e75 in absolute value (a
// regressor times 1e300, a weight of 1e300, a count of 1e300) makes cross-products, variances or
// likelihoods overflow in double precision; one whose values all stay below 1e-75 (a regressor or
// an outcome times 1e-300) makes them underflow to zero: its column would look collinear, its
// standard errors come out 0 or NA (an outcome times 1e-300 looked like an exact fit), or the fit
// fail. Scale is not collinearity: such a design is refused, naming the variable, its largest value
// and the rescaling that fixes it. 1e75 leaves room: squares of ratios up to 1e150 between
// variables, times 10^9 observations, stay finite (and squares of 1e-75 stay normal numbers).
#pragma once

#include "models/design.hpp"

namespace gvcpanel::models {

inline constexpr double kLargestMagnitude = 1e75;
inline constexpr double kSmallestMagnitude = 1e-75;

// Throws an Error naming the first outcome, regressor, instrument, weight or offset column whose
// largest absolute value exceeds kLargestMagnitude (or is not finite), or the first outcome,
// regressor, instrument or weight column that is not zero everywhere but stays below
// kSmallestMagnitude.
void check_magnitudes(const Design& design);

}  // namespace gvcpanel::models
