// --margins-over "z = 0(0.05)1": the marginal effect of each x that interacts with the moderator z,
// theta(z) = b_x + b_{x:z} z, with Var theta(z) = V_xx + 2 z V_{x,xz} + z^2 V_{xz,xz} and pointwise
// intervals in the fit's own distribution, over a grid of z (Brambor, Clark and Golder 2006); and
// the Johnson-Neyman bounds, the z where theta(z)^2 = c^2 Var theta(z) (c the critical value): the
// roots of a quadratic, so exact (Johnson and Neyman 1936; Bauer and Curran 2005, eq. 8).
#pragma once

#include <armadillo>
#include <string>
#include <string_view>
#include <vector>

#include "estimators/likelihood/margins.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::estimators::inference {

struct ModeratorGrid {
    std::string moderator;
    std::vector<double> values;
};

// "z = 0(0.05)1" (from, step, to, as Stata's numlist; the end kept when the steps reach it within
// rounding) or "z = 0, 0.5, 1". Errors quote the text.
ModeratorGrid parse_margins_over(std::string_view text);

// Where theta(z) differs from zero at the level: `significant` is "outside" (z below bounds[0] or
// above bounds[1]), "inside" (between them), "above" or "below" (one bound), "everywhere" or
// "nowhere" (no bound).
struct JohnsonNeyman {
    std::vector<double> bounds;
    std::string significant;
};

// theta(z) = b1 + b3 z, Var = v11 + 2 z v13 + z^2 v33, critical value c.
JohnsonNeyman johnson_neyman(double b1, double b3, double v11, double v13, double v33, double critical);

// For every x with an interaction term "x:z" or "z:x" among `names` (and x itself): the grid's
// rows (MarginRow name x, at {z, value}, effect, se, stat, p under t(df) or the normal when df is
// NaN) into result.margins, and result.stats["johnson_neyman"] an array of {variable, moderator,
// critical, bounds, significant}. An Error when no term interacts x with z.
void add_moderated_effects(Result& result, const std::vector<std::string>& names, const arma::vec& coef,
                           const arma::mat& vcov, double df, double level, const ModeratorGrid& grid);

}  // namespace gvcpanel::estimators::inference
