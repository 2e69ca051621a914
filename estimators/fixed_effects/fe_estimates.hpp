// Fixed-effect estimates (--save-fe): the coefficients of the fixed-effect dummies in the fit
// y = X b + sum_q D_q a_q + e, recovered from the coefficients found while demeaning, with one
// normalisation per connected component (docs/fixed_effects.md), and written as CSV.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/fixed_effects/demean.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct FixedEffectEstimates {
    struct Dimension {
        std::string name;
        std::vector<std::string> level_names;  // label per level (the code when the grouping has none)
        arma::vec estimates;                   // one per level; NaN for a level not in the sample
    };
    std::vector<Dimension> dimensions;  // in the order of the formula
};

// `coefficients` are those of demean() on the columns (y, x_1..x_k), `slopes` the k coefficients
// (0 for a regressor dropped as collinear). The effects of y - X b are a_y - A_X b.
FixedEffectEstimates fixed_effect_estimates(const std::vector<models::Grouping>& effects,
                                            const EffectCoefficients& coefficients,
                                            const arma::vec& slopes);

// CSV with header `dimension,level,estimate`, one row per level, 17 significant digits.
void write_fixed_effects_csv(const FixedEffectEstimates& estimates, const std::string& path);

}  // namespace gvcpanel::estimators
