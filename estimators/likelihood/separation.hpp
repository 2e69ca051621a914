// Separation in binary and count models: observations whose outcome a combination of regressors
// predicts perfectly, so that the likelihood has no maximum (coefficients run to infinity).
// Found before fitting (single regressors as Stata's logit; counts by the ppmlhdfe method) and,
// for binary models, after a fit that shows the symptom. X is n x k, y the outcome (n).
#pragma once

#include <armadillo>
#include <string>
#include <vector>

namespace gvcpanel::estimators {

struct Separation {
    std::vector<std::size_t> observations;  // rows of X that are perfectly predicted
    std::vector<std::size_t> regressors;    // columns of X that do the predicting (to drop)
    std::vector<std::string> notes;         // one line per finding, Stata's wording
};

// Regressors whose nonzero values (or, with an intercept, zero values) occur with a single outcome
// (binary), or only with y = 0 (counts); iterated until no more are found. `intercept` is the
// column index of the intercept, or -1.
Separation separated_by_regressors(const arma::mat& X, const arma::vec& y,
                                   const std::vector<std::string>& names, int intercept,
                                   bool count);

// Counts (Correia, Guimaraes and Zylkin 2021, the ReLU method of ppmlhdfe): y = 0 observations
// with z_i > 0 for some z = X gamma that is 0 wherever y > 0 and >= 0 wherever y = 0.
std::vector<std::size_t> separated_count_observations(const arma::mat& X, const arma::vec& y);

// Outcomes with bounds (Tobit's censoring limits, the end categories of ordered models, the 0 and 1
// of fractional models): `side` is -1 at the lower bound, +1 at the upper, 0 inside. The rows with
// side_i z_i > 0 for some z = X gamma that is 0 inside and has the sign of `side` (or 0) at the
// bounds: their index runs to -infinity (+infinity) without changing the other rows, so the
// parameters separating them are not identified (a group dummy whose outcome is censored
// throughout, or the reference group's). The same ReLU iteration as for counts.
std::vector<std::size_t> separated_at_bounds(const arma::mat& X, const arma::vec& side);

// The single-regressor form, named for the notes: a column whose nonzero values have one sign and
// occur only at one bound (a dummy, such as firm::12, whose outcome is censored throughout);
// iterated until no more are found. `bound_names` say what the bounds are ("left-censored",
// "right-censored"). `intercept` as in separated_by_regressors.
Separation separated_at_bounds_by_regressors(const arma::mat& X, const arma::vec& side,
                                             const std::vector<std::string>& names, int intercept,
                                             const std::string& lower_name, const std::string& upper_name);

// Binary (quasi-complete separation): observations with z_i > 0 for some z = s .* X gamma >= 0,
// s_i = 2 y_i - 1, by the same ReLU iteration.
std::vector<std::size_t> separated_binary_observations(const arma::mat& X, const arma::vec& y);

// Columns that are (numerically) linear combinations of the columns before them.
std::vector<std::size_t> collinear_columns(const arma::mat& X, double tolerance = 1e-9);

}  // namespace gvcpanel::estimators
