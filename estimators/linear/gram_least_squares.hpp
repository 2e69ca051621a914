// Least squares through the Gram matrix for well-conditioned designs (X is n x k, one row per
// observation, n >> k typical of demeaned panels): Cholesky of the column-scaled X'WX, then the
// corrected semi-normal equations (Bjorck 1987): residuals y - X b and X'W e accumulated in long
// double, the correction solved with the same factor. Two passes over X instead of the pivoted
// QR's dozen, and as accurate to 12 digits or more when cond(X)^2 eps <= 1e-12, which the entry
// test makes sure of.
#pragma once

#include <armadillo>
#include <optional>

namespace gvcpanel::estimators {

// A least-squares solution, by this path or by ols's pivoted QR.
struct LeastSquaresFit {
    arma::vec coef;       // b (k)
    arma::mat bread;      // (X'WX)^-1 (k x k)
    arma::vec residuals;  // y - X b (n), X b accumulated in long double
    arma::vec leverage;   // the hat diagonal w_i x_i'(X'WX)^-1 x_i for HC2/HC3; empty unless asked for
};

// The solution, or nothing when the column-scaled X'WX has a reciprocal condition below 1e-4
// (cond(X) above about 100): such a design goes to the pivoted QR, which loses only cond(X) eps
// and finds collinear columns. `w` is empty or holds n weights; `leverage` asks for the hat
// diagonal (one more pass over X).
std::optional<LeastSquaresFit> gram_least_squares(const arma::mat& X, const arma::vec& y,
                                                  const arma::vec& w, bool leverage);

}  // namespace gvcpanel::estimators
