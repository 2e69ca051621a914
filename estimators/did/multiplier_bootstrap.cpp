// Standard errors and the sup-t critical value from the bootstrap draws, as R did's mboot and
// att_gt: interquartile ranges by quantile type 1, degenerate draws (sum of squares at most
// 10 sqrt(eps)) left out.
#include "estimators/did/multiplier_bootstrap.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

namespace gvcpanel::estimators::did {

namespace {

const double kDegenerate = 10 * std::sqrt(std::numeric_limits<double>::epsilon());

}  // namespace

double quantile_type1(std::vector<double> values, double p) {
    if (values.empty()) return std::nan("");
    std::sort(values.begin(), values.end());
    // R: j = floor(n p + fuzz), take x[j + (n p > j + fuzz)], x[0] meaning x[1].
    const double fuzz = 4 * std::numeric_limits<double>::epsilon();
    const double np = double(values.size()) * p;
    const double j = std::floor(np + fuzz);
    std::size_t index = static_cast<std::size_t>(j) + (np > j + fuzz ? 1 : 0);
    index = std::clamp<std::size_t>(index, 1, values.size());
    return values[index - 1];
}

BootstrapInference multiplier_bootstrap(const arma::mat& sums, const arma::mat& coefficients, std::size_t n,
                                        const std::vector<bool>& band, double level) {
    const arma::mat draws = sums * coefficients / std::sqrt(double(n));
    const boost::math::normal normal;
    const double normal_iqr = boost::math::quantile(normal, 0.75) - boost::math::quantile(normal, 0.25);
    BootstrapInference out;
    out.se.set_size(draws.n_cols);
    std::vector<double> scale(draws.n_cols, std::nan(""));
    for (arma::uword j = 0; j < draws.n_cols; ++j) {
        const arma::vec column = draws.col(j);
        if (!column.is_finite() || arma::accu(arma::square(column)) <= kDegenerate) {
            out.se[j] = std::nan("");
            continue;
        }
        const std::vector<double> values(column.begin(), column.end());
        scale[j] = (quantile_type1(values, 0.75) - quantile_type1(values, 0.25)) / normal_iqr;
        out.se[j] = scale[j] / std::sqrt(double(n));
        if (scale[j] <= kDegenerate) scale[j] = std::nan("");
    }
    std::vector<double> largest;
    for (arma::uword b = 0; b < draws.n_rows; ++b) {
        double max = -1;
        for (arma::uword j = 0; j < draws.n_cols; ++j)
            if (band[j] && std::isfinite(scale[j])) max = std::max(max, std::abs(draws(b, j) / scale[j]));
        if (max >= 0) largest.push_back(max);
    }
    out.critical = quantile_type1(std::move(largest), level);
    return out;
}

}  // namespace gvcpanel::estimators::did
