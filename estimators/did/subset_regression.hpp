// Weighted least squares on a subset of the observations (DRDID's outcome regressions: the
// control units, or one group in one period), with what the influence functions need: the
// coefficients and (sum_{i in subset} w_i x_i x_i' / n)^-1, n counting every observation.
#pragma once

#include <armadillo>

namespace gvcpanel::estimators::did {

struct SubsetRegression {
    arma::vec coef;              // k
    arma::mat scaled_inverse;    // k x k
    bool ok = false;             // false when the subset's cross-product matrix is singular
};

// Xt k x n (observations in columns); in_subset n (0/1); weights n (empty = all 1).
SubsetRegression subset_regression(const arma::mat& Xt, const arma::vec& y, const arma::vec& in_subset,
                                   const arma::vec& weights);

// x_i . v for every observation.
arma::vec row_products(const arma::mat& Xt, const arma::vec& v);

// (1/n) sum_i factor_i x_i: the colMeans(factor * X) of DRDID's derivative terms.
arma::vec weighted_column_means(const arma::mat& Xt, const arma::vec& factor);

}  // namespace gvcpanel::estimators::did
