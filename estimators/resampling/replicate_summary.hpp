// What replicates estimate: the bootstrap covariance, the delete-one jackknife covariance (CV3 of
// MacKinnon, Nielsen and Webb 2023), and the percentile, bias-corrected (BC) and accelerated (BCa)
// intervals of Efron and Tibshirani (1993, ch. 13-14).
#pragma once

#include <armadillo>

namespace gvcpanel::estimators::resampling {

struct Interval {
    double low = arma::datum::nan;
    double high = arma::datum::nan;
};

// The sample covariance of the rows of `estimates` (divisor B - 1), as Stata's bootstrap and R's boot.
arma::mat bootstrap_covariance(const arma::mat& estimates);

// (G-1)/G sum_g (b_g - b)(b_g - b)', b_g the rows of `estimates` (G replicates, one per deleted
// unit) and b the full-sample estimate: CV3 of MacKinnon, Nielsen and Webb (2023, eq. 3), centred at
// the estimate (centred at the replicates' mean it would be their CV3J).
arma::mat jackknife_covariance(const arma::mat& estimates, const arma::vec& estimate);

// The (1-level)/2 and (1+level)/2 quantiles of `draws` (R's quantile type 7: linear interpolation
// between order statistics).
Interval percentile_interval(const arma::vec& draws, double level);

// BC (acceleration 0) or BCa: the percentiles at Phi(z0 + (z0 + z)/(1 - a (z0 + z))) for z the two
// normal quantiles of the level, with z0 = Phi^-1(#{draws < estimate} / B) (Efron and Tibshirani
// 1993, eq. 14.10 and 14.14). NaN when every draw lies on one side of the estimate.
Interval bias_corrected_interval(const arma::vec& draws, double estimate, double level, double acceleration = 0.0);

// BCa's acceleration from delete-one jackknife estimates theta_(i):
// a = sum (mean - theta_(i))^3 / (6 [sum (mean - theta_(i))^2]^(3/2)) (Efron and Tibshirani 1993, eq. 14.15).
double jackknife_acceleration(const arma::vec& jackknife_estimates);

}  // namespace gvcpanel::estimators::resampling
