// The second-stage criterion of the control-function estimators (Olley-Pakes, Levinsohn-Petrin,
// Ackerberg-Caves-Frazer) and its exact Jacobian. For coefficients theta of the inputs X:
//   omega = phi - X theta, omega_lag = phi_lag - X_lag theta,
//   g = the least-squares fit of omega on P(omega_lag) (the law of motion: 1, omega_lag, its square
//       and cube; with OP's exit correction also the exit probability's powers and interactions;
//       plus the lagged controls, as De Loecker 2013),
//   xi = omega - P g (the innovation in productivity).
// OP/LP minimise sum (e1 + xi)^2, e1 the first-stage residual (levpet's and prodest's gOPLP: the
// residual of y - free*beta - X theta on g); ACF minimises (Z'xi)' W (Z'xi) (prodest's gACF).
// n2 rows (observations with a lag), p coefficients, q terms of P.
#pragma once

#include <armadillo>

namespace gvcpanel::estimators::prodfn {

struct MarkovData {
    arma::mat X, X_lag;            // n2 x p: inputs whose coefficients theta estimates, and their lags
    arma::vec phi, phi_lag;        // n2: first-stage fitted values (without the free inputs for OP/LP)
    arma::vec exit_probability;    // n2: OP's fitted exit probability; empty without --exit
    arma::mat controls_lag;        // n2 x c: lagged controls (c may be 0)
    arma::vec first_residual;      // n2: OP/LP's first-stage residual; empty for ACF
    arma::mat Z;                   // n2 x L: ACF's instruments; empty for OP/LP
    arma::mat W_root;              // L x L: U with U'U = W, ACF's weight matrix

    bool gmm() const { return !Z.is_empty(); }
    std::size_t residuals() const { return gmm() ? Z.n_cols : X.n_rows; }
};

struct MarkovEvaluation {
    arma::vec omega, xi, g;        // n2, n2, q
    arma::vec residuals;           // residuals(): the criterion is their sum of squares
    arma::mat jacobian;            // residuals() x p; empty unless asked
    bool ok = false;               // false when P'P is singular
};

MarkovEvaluation evaluate_markov(const MarkovData& data, const arma::vec& theta, bool with_jacobian);

}  // namespace gvcpanel::estimators::prodfn
