// Small-sample reference distributions for CR2/CR3 covariances, as clubSandwich's coef_test
// ("Satterthwaite") and Wald_test ("HTZ"): Bell and McCaffrey's (2002) Satterthwaite degrees of
// freedom for t tests, and Pustejovsky and Tipton's (2018) Hotelling's T^2 approximation with
// degrees of freedom nu for q joint restrictions, F = (nu - q + 1)/nu Q/q on (q, nu - q + 1).
// With q = 1, nu is the Satterthwaite df. Both come from the covariance of the quadratic forms
// of the working model (independent errors), built from each cluster's M E_j and M E_j U_j.
#pragma once

#include <armadillo>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/wald.hpp"

namespace gvcpanel::estimators::inference {

class BellMcCaffrey {
public:
    // Per cluster j: weights[j] = M E_j (k x n_j), the estimating matrix that gives the cluster's
    // share of the coefficients, M = (X'X)^-1, E_j = X_j' A_j; projected[j] = M E_j U_j (k x u), U
    // the design augmented with the absorbed effects; m_u = (U'U)^+ (u x u).
    BellMcCaffrey(std::vector<arma::mat> weights, std::vector<arma::mat> projected, arma::mat m_u);

    // The Hotelling-Zhang nu of the q contrasts C (q x k): q (q + 1) / sum of the variances of the
    // standardised quadratic forms (clubSandwich's total_variance_mat).
    double hotelling_nu(const arma::mat& contrasts) const;
    // The Satterthwaite degrees of freedom of coefficient j (nu of the unit contrast).
    double coefficient_df(std::size_t j) const;

private:
    std::vector<arma::mat> weights_, projected_;
    arma::mat m_u_;
    std::size_t k_ = 0;
};

// The HTZ test of R b = r: Q = (Rb - r)' (R V R')^-1 (Rb - r), F = delta Q / q with delta =
// max((nu - q + 1)/nu, 0), on (q, nu - q + 1). Named "wald", the restriction's text kept, `delta` in extra.
TestResult htz_test(const arma::vec& coef, const arma::mat& vcov, const Restrictions& restrictions,
                    const BellMcCaffrey& reference);

// The symmetric power A^p of a symmetric positive semi-definite matrix through its eigenvalues,
// those at or below 1e-12 set to zero (clubSandwich's matrix_power).
arma::mat symmetric_power(const arma::mat& A, double p);

}  // namespace gvcpanel::estimators::inference
