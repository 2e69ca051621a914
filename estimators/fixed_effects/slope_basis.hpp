// The per-level least-squares problem of a fixed-effect dimension with varying slopes (fixest's
// firm[x], firm[[x]]): projecting a column on the dimension is, level by level, the weighted
// regression of the column on (1, x) or on x alone. The Grams are inverted once, here, and reused
// at every sweep of the demeaning; fe_dof counts the coefficients they cannot identify.
#pragma once

#include <armadillo>
#include <cstddef>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

// A diagonal element of a level's Gram that falls to this fraction of the variable's (uncentred)
// sum of squares once the earlier coefficients are accounted for marks a coefficient the level
// cannot identify (x constant within the level, or two slopes collinear in it).
inline constexpr double kSlopeSingularTolerance = 1e-10;

struct SlopeBasis {
    std::size_t per_level = 0;    // coefficients per level: the intercept (unless [[x]]) and one per slope
    std::vector<double> basis;    // n x per_level, row-major: (1, x - level mean of x), or x for [[x]]
    std::vector<double> inverse;  // levels x per_level x per_level: generalised inverse of each level's
                                  //   Gram, zero in the rows and columns of unidentified coefficients
    std::size_t singular = 0;     // unidentified coefficients over the observed levels
};

// `grouping` must have slopes; `weights` is empty or one per observation.
SlopeBasis slope_basis(const models::Grouping& grouping, const arma::vec& weights);

}  // namespace gvcpanel::estimators
