// The working regressors sqrt(w_i) x_i of least squares, recovered after fitting from the scores
// s_i = w_i x_i e_i and the residuals (s_i / (sqrt(w_i) e_i), or the row the estimator kept apart where
// that division loses them; exact to 3 ulp): what pcse, CR2/CR3 and the wild bootstrap need without a
// second n x k copy of X kept by every fit (docs/inference.md, pcse).
#pragma once

#include <armadillo>
#include <string>

#include "estimators/estimate.hpp"

namespace gvcpanel::estimators::inference {

// Whether the estimate gives its regressors apart (least squares: ols, within, re, fd).
bool has_regressors(const Estimate& estimate);

// sqrt(w_i) x_i of `rows` (positions in the estimation sample), one row each; has_regressors() must hold.
arma::mat regressors_of(const Estimate& estimate, const arma::uvec& rows);

// Every sqrt(w_i) x_i (n x k); an Error naming `who` when the estimate does not give them.
arma::mat regressors(const Estimate& estimate, const std::string& who);

}  // namespace gvcpanel::estimators::inference
