// Degrees of freedom absorbed by fixed effects (K_fe): the rank of the matrix of all their dummies.
// One dimension: its levels. Two: levels_1 + levels_2 - the connected components of the bipartite
// graph linking the levels observed together (Abowd, Creecy and Kramarz 2002), exact. Three or
// more: reghdfe's "pairwise" rule (documented in docs/fixed_effects.md), an upper bound on K_fe.
// Varying slopes add, per level, one degree of freedom per slope the level identifies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

struct FixedEffectDof {
    struct Dimension {
        std::string name;
        std::size_t levels = 0;     // levels observed in the sample
        std::size_t redundant = 0;  // levels implied by the earlier dimensions (not counted)
        bool intercept = true;      // false for slopes only (firm[[x]]): its levels count nothing
        std::size_t slopes = 0;     // slope coefficients identified: levels x slopes - the singular ones
    };
    std::vector<Dimension> dimensions;  // in the order of the formula
    std::size_t absorbed = 0;           // K_fe = sum of (levels - redundant, with an intercept) + slopes
    bool exact = true;                  // false beyond two intercept dimensions (pairwise rule), and with
                                        //   slopes beside another dimension (collinearity among them
                                        //   is not looked for, as in fixest)
};

FixedEffectDof fixed_effects_dof(const std::vector<models::Grouping>& effects);

// The connected components of the bipartite graph whose edges are the observations (level of
// `a`, level of `b`): a component id per level of `a` and of `b` (-1 for a level never observed).
struct Components {
    std::vector<std::int32_t> of_a, of_b;
    std::size_t count = 0;
};
Components connected_components(const models::Grouping& a, const models::Grouping& b);

}  // namespace gvcpanel::estimators
