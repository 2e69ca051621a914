// The recursion in scaled form: instead of B(t,k) and its derivatives, which overflow for large
// groups, it carries log B(t,k) and the mean and covariance of sum_S x under the weights
// exp(sum_S eta) over the sets S of size k among the first t rows. Row t is in S with probability
// p = exp(eta_t) B(t-1,k-1) / B(t,k), so both moments update as a two-component mixture
// (Howard 1972's dynamic programming, as Stata's clogit and survival's exact method).
#include "estimators/glm/clogit_group.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace gvcpanel::estimators {

namespace {

double log_add(double a, double b) {
    const double high = std::max(a, b);
    return high + std::log1p(std::exp(-std::abs(a - b)));
}

}  // namespace

GroupLikelihood clogit_group(const arma::mat& X, const arma::vec& eta, const arma::vec& y,
                             bool with_information) {
    const arma::uword m = X.n_rows, p = X.n_cols;
    const arma::uword ones = static_cast<arma::uword>(arma::accu(y));
    // The sets of ones and of zeros determine each other: with more ones than zeros the recursion
    // runs over the zeros, with y -> 1 - y, eta -> -eta and x -> -x (same likelihood, fewer steps).
    const bool flip = 2 * ones > m;
    const double sign = flip ? -1.0 : 1.0;
    const arma::uword K = flip ? m - ones : ones;

    std::vector<double> log_b(K + 1, -std::numeric_limits<double>::infinity());
    log_b[0] = 0;
    arma::mat mean(p, K + 1, arma::fill::zeros);
    arma::cube covariance(with_information ? p : 0, with_information ? p : 0, K + 1, arma::fill::zeros);
    arma::vec x(p), shifted(p), gap(p);
    GroupLikelihood out;
    out.score.zeros(p);
    for (arma::uword t = 0; t < m; ++t) {
        x = sign * X.row(t).t();
        const double e = sign * eta[t];
        if ((y[t] > 0) != flip) {
            out.loglik += e;
            out.score += x;
        }
        for (arma::uword k = std::min<arma::uword>(t + 1, K); k >= 1; --k) {
            const double with_t = e + log_b[k - 1];
            const double total = log_add(log_b[k], with_t);
            const double in = std::exp(with_t - total);  // exactly 1 when k = t + 1 (log_b[k] = -inf)
            shifted = mean.col(k - 1) + x;
            if (with_information) {
                gap = mean.col(k) - shifted;
                covariance.slice(k) = (1 - in) * covariance.slice(k) + in * covariance.slice(k - 1) +
                                      (in * (1 - in)) * (gap * gap.t());
            }
            mean.col(k) = (1 - in) * mean.col(k) + in * shifted;
            log_b[k] = total;
        }
    }
    out.loglik -= log_b[K];
    out.score -= mean.col(K);  // with the flip still right: d(-x'b)/db = -x, the x used above
    if (with_information) out.information = covariance.slice(K);
    return out;
}

}  // namespace gvcpanel::estimators
