// The complete polynomial of degree D in the columns of X, without the constant: every monomial
// x1^a1 ... xk^ak with 1 <= a1 + ... + ak <= D. The first stage of the control-function estimators
// approximates the unknown inverse proxy demand with it (degree 2 is prodest's: the variables, their
// squares and pairwise products).
#pragma once

#include <armadillo>

namespace gvcpanel::estimators::prodfn {

arma::mat polynomial_terms(const arma::mat& X, int degree);

}  // namespace gvcpanel::estimators::prodfn
