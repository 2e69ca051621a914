// The exact rank of the matrix of every fixed effect's dummies (K_fe for `--ssc fixef_exact=1`, as
// fixest's fixef.force_exact). One or two dimensions: the connected-components count of fe_dof,
// exact already. Three or more: the dimension with the most levels is projected out in closed form
// (its dummies are orthogonal: M_b D = D - group means), and the rank of the remaining dimensions'
// dummies after that projection, D_r' M_b D_r, is found from its eigenvalues:
// rank [D_b D_r] = L_b + rank(D_r' M_b D_r). Varying slopes are not covered (an Error).
#pragma once

#include <cstddef>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

// The rank of [D_1 ... D_Q] over the observations the groupings cover. An Error with varying
// slopes, or when the dimensions other than the largest have more than kMaxDenseLevels levels.
std::size_t fixed_effects_rank(const std::vector<models::Grouping>& effects);

inline constexpr std::size_t kMaxDenseLevels = 4000;

}  // namespace gvcpanel::estimators
