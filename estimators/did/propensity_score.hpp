// The propensity score of the doubly robust and IPW difference-in-differences estimators: a
// weighted logit of the treatment indicator on the covariates (intercept first), fitted by Newton
// steps to full precision (R's glm stops at a relative deviance change of 1e-8, which leaves the
// coefficients within about 1e-8 of these). The inverse information is what DRDID calls
// vcov(glm) (Sant'Anna and Zhao 2020, the influence function of the logit coefficients).
#pragma once

#include <armadillo>

namespace gvcpanel::estimators::did {

struct PropensityScore {
    arma::vec coef;        // k logit coefficients
    arma::vec fitted;      // n fitted probabilities
    arma::mat inverse_information;  // k x k: (X' diag(w p (1 - p)) X)^-1
    bool converged = false;         // false after 100 steps, or when the information is singular
};

// Xt is k x n, one column per observation (intercept first); treated n (0/1); weights n
// (non-negative; empty = all 1).
PropensityScore fit_propensity_score(const arma::mat& Xt, const arma::vec& treated, const arma::vec& weights);

}  // namespace gvcpanel::estimators::did
