// Tests for spatial dependence on a balanced panel (period-major rows, units in W's order):
// Moran's I of a variable, period by period and pooled (W_NT = I_T kron W, centred by the overall
// mean), with its analytic moments under randomisation or normality (Cliff and Ord 1981; spdep's
// moran.test); Anselin's (1988) LM lag and error tests and their robust forms (Anselin, Bera,
// Florax and Yoon 1996) on pooled or within residuals, in the panel form of Debarsy and Ertur (2010)
// and splm's slmtest: with T_W = tr(W'W + W W) and J = (W X b)' M (W X b)/s2 + T T_W,
//   lm_lag = (e'W y/s2)^2/J, lm_error = (e'W e/s2)^2/(T T_W),
//   rlm_lag = (e'W y/s2 - e'W e/s2)^2/(J - T T_W),
//   rlm_error = (e'W e/s2 - T T_W/J e'W y/s2)^2/(T T_W (1 - T T_W/J)).
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"

namespace gvcpanel::estimators::spatial {

struct MoranResult {
    double I = 0, expectation = 0, variance = 0, z = 0, p = 0;  // p: upper tail (positive autocorrelation)
};

// Moran's I of x (n) against an n x n W (the pooled case passes the stacked vector and periods > 1:
// W acts within each period's block of n = x.n_elem / periods).
MoranResult moran(const arma::vec& x, const arma::sp_mat& W, arma::uword periods, bool randomisation);

// The four LM tests (names lm_lag, lm_error, rlm_lag, rlm_error; chi2(1)) of the least-squares fit of
// y on X (already transformed: pooled, or with the effects swept out).
std::vector<TestResult> lm_tests(const arma::vec& y, const arma::mat& X, const arma::sp_mat& W, arma::uword periods);

}  // namespace gvcpanel::estimators::spatial
