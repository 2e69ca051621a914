#include "estimators/resampling/replicate_summary.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

void check_level(double level) {
    if (!(level > 0.0 && level < 1.0)) throw Error("resampling: confidence level " + std::to_string(level) + " is not in (0, 1)");
}

// R's quantile type 7 of sorted values at probability p.
double quantile_sorted(const arma::vec& sorted, double p) {
    const double position = p * static_cast<double>(sorted.n_elem - 1);
    const auto below = static_cast<arma::uword>(std::floor(position));
    const arma::uword above = std::min<arma::uword>(below + 1, sorted.n_elem - 1);
    const double fraction = position - static_cast<double>(below);
    return sorted(below) + fraction * (sorted(above) - sorted(below));
}

}  // namespace

arma::mat bootstrap_covariance(const arma::mat& estimates) {
    if (estimates.n_rows < 2) throw Error("bootstrap covariance: fewer than 2 successful replicates");
    return arma::cov(estimates);
}

arma::mat jackknife_covariance(const arma::mat& estimates, const arma::vec& estimate) {
    const double g = static_cast<double>(estimates.n_rows);
    if (estimates.n_rows < 2) throw Error("jackknife covariance: fewer than 2 replicates");
    arma::mat deviations = estimates;
    deviations.each_row() -= estimate.t();
    return (g - 1.0) / g * (deviations.t() * deviations);
}

Interval percentile_interval(const arma::vec& draws, double level) {
    check_level(level);
    if (draws.is_empty()) return {};
    const arma::vec sorted = arma::sort(draws);
    return {quantile_sorted(sorted, (1.0 - level) / 2.0), quantile_sorted(sorted, (1.0 + level) / 2.0)};
}

Interval bias_corrected_interval(const arma::vec& draws, double estimate, double level, double acceleration) {
    check_level(level);
    if (draws.is_empty() || !std::isfinite(acceleration)) return {};
    const double below = static_cast<double>(arma::accu(draws < estimate)) / static_cast<double>(draws.n_elem);
    if (below <= 0.0 || below >= 1.0) return {};
    const boost::math::normal normal;
    const double z0 = boost::math::quantile(normal, below);
    const auto adjusted = [&](double p) {
        const double z = z0 + boost::math::quantile(normal, p);
        return boost::math::cdf(normal, z0 + z / (1.0 - acceleration * z));
    };
    const arma::vec sorted = arma::sort(draws);
    return {quantile_sorted(sorted, adjusted((1.0 - level) / 2.0)), quantile_sorted(sorted, adjusted((1.0 + level) / 2.0))};
}

double jackknife_acceleration(const arma::vec& jackknife_estimates) {
    if (jackknife_estimates.n_elem < 2) return arma::datum::nan;
    const arma::vec d = arma::mean(jackknife_estimates) - jackknife_estimates;
    const double squares = arma::accu(arma::square(d));
    if (squares <= 0.0) return 0.0;
    return arma::accu(arma::pow(d, 3)) / (6.0 * std::pow(squares, 1.5));
}

}  // namespace gvcpanel::estimators::resampling
