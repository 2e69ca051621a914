// Poisson with fixed effects: zero outcomes that a combination of the regressors and the fixed
// effects predicts perfectly (z = X g + D a with z = 0 wherever y > 0 and z >= 0, not all zero,
// wherever y = 0), so that their mu goes to 0 and some coefficient to infinity. Found by the
// ReLU method of Correia, Guimarães and Zylkin (2021), "Verifying the existence of maximum
// likelihood estimates for generalized linear models", section 4.2, as ppmlhdfe does.
#pragma once

#include <armadillo>
#include <cstddef>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

struct RegressorSeparationOptions {
    std::size_t max_iterations = 100;  // ReLU steps; reaching it means no certificate was found
    int threads = 0;                   // OpenMP threads for the demeaning; 0 = the program's setting
};

// The rows (y = 0) that are separated. X is n x k (no intercept: the fixed effects hold it),
// `effects` the fixed-effect groupings of the same n rows.
std::vector<std::size_t> separated_zeros_with_fe(const arma::mat& X, const arma::vec& y,
                                                 const std::vector<models::Grouping>& effects,
                                                 const RegressorSeparationOptions& options = {});

}  // namespace gvcpanel::estimators
