// Kleibergen and Paap (2006, J. Econometrics 133, "Generalized reduced rank tests using the
// singular value decomposition") rk statistics for under-identification, H0: rank(Pi) = p - 1, with
// Pi the m x p first-stage coefficients of the excluded instruments: the Wald and LM forms, robust
// to heteroskedasticity or clustering, as ranktest computes them for ivreg2 (ivreg2's "Kleibergen-
// Paap rk LM" and "rk Wald F"). X (n x p) and Z (n x m) arrive with the exogenous regressors and
// the fixed effects already partialled out, rows scaled by sqrt(w_i).
#pragma once

#include <armadillo>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "estimators/inference/vcov_spec.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct KleibergenPaap {
    double wald = std::numeric_limits<double>::quiet_NaN();  // rk Wald, chi2(df): covariance from
                                                             //   the first-stage residuals
    double lm = std::numeric_limits<double>::quiet_NaN();    // rk LM, chi2(df): covariance under
                                                             //   H0 (the endogenous regressors themselves)
    double df = 0;                      // m - p + 1
    double smallest_canonical_correlation = 0;  // the last singular value of Theta
    std::size_t n_clusters = 0;         // cluster covariance: the smallest G; 0 otherwise
    std::vector<std::string> notes;     // a singular covariance, a PSD fix of a multi-way cluster sum
};

// The covariance types the rk statistics support: iid (then Wald = Cragg-Donald's N r^2/(1 - r^2)
// and LM = Anderson's N r^2, r the smallest canonical correlation), hc0 and hc1 (the same sum:
// small-sample factors enter only kp_rk_wald_f), and cluster on one or more variables.
bool kleibergen_paap_supports(const inference::VcovSpec& spec);

// `sample` gives the cluster codes; `vcov_fix` zeroes negative eigenvalues of a multi-way cluster
// sum (Ssc::vcov_fix). An Error when m < p, the sizes disagree, or X or Z has collinear columns.
KleibergenPaap kleibergen_paap(const arma::mat& X, const arma::mat& Z, const models::Sample& sample,
                               const inference::VcovSpec& spec, bool vcov_fix = true);

// ivreg2's "Kleibergen-Paap rk Wald F statistic" from the rk Wald chi2: wald/N (N - L - K_fe)/m,
// or with a cluster covariance wald/(N-1) (N - L) (G-1)/G / m (G the smallest number of clusters);
// L counts all instruments (exogenous regressors and excluded ones), m the excluded ones.
double kp_rk_wald_f(const KleibergenPaap& kp, std::size_t n, std::size_t n_instruments, std::size_t df_fe,
                    std::size_t n_excluded);

}  // namespace gvcpanel::estimators
