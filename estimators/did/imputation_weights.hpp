// The weights of the imputation estimator on the untreated observations (Borusyak, Jaravel and
// Spiess 2024, section 4): an estimate sum_{treated} w_i a_i (y_i - yhat_i(0)) is linear in y,
// sum_all w_i v_i y_i, with v = a on the treated and v_0 = -Z_0 (Z_0' W Z_0)^- Z_1' W a on the
// untreated (Z: the fixed-effect dummies and covariates). v_0 is found as BJS's did_imputation does,
// by Gauss-Seidel sweeps that make sum_all w v z = 0 for every column z while v_0 stays in the span
// of Z_0: each fixed-effect level in turn removes its sum from its untreated observations, and each
// covariate (centred on the untreated) its projection.
#pragma once

#include <armadillo>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators::did {

// effects: the fixed-effect groupings of all observations; X: covariates (n x k, may be empty);
// weights: n (empty = 1); untreated: n flags; a: n x m, the estimands' weights (zero on the
// untreated). Returns v (n x m). Throws an Error when the sweeps do not converge.
arma::mat imputation_weights(const std::vector<models::Grouping>& effects, const arma::mat& X, const arma::vec& weights,
                             const std::vector<char>& untreated, const arma::mat& a);

}  // namespace gvcpanel::estimators::did
