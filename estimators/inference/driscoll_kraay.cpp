// Driscoll and Kraay (1998) covariance, robust to cross-sectional and serial correlation: the
// Newey-West (1987) Bartlett-weighted long-run covariance of the time series S_t = sum_i s_it of
// cross-sectional score sums, meat = G_0 + sum_{l=1..L} (1 - l/(L+1)) (G_l + G_l'), with
// G_l = sum_t S_t S_{t-l}'. Default lag floor(4 (T/100)^(2/9)) as Hoechle's xtscc; plm's vcovSCC
// uses floor(T^(1/4)), to be given as dk:L.
#include <cmath>

#include "estimators/inference/covariance_types.hpp"
#include "estimators/inference/panel_codes.hpp"

namespace gvcpanel::estimators::inference {

Covariance driscoll_kraay_covariance(const Estimate& estimate, int lag, const Ssc& ssc) {
    const PanelCodes codes = panel_codes(estimate, "dk (Driscoll-Kraay)", false);
    const arma::mat& s = estimate.scores;
    arma::mat sums(codes.periods, s.n_cols, arma::fill::zeros);  // row t: S_t
    for (arma::uword i = 0; i < s.n_rows; ++i) sums.row(static_cast<arma::uword>(codes.period[i])) += s.row(i);

    Covariance result;
    if (lag < 0) {
        lag = static_cast<int>(std::floor(4.0 * std::pow(static_cast<double>(codes.distinct_periods) / 100.0, 2.0 / 9.0)));
        result.notes.push_back("Driscoll-Kraay lag " + std::to_string(lag) + " = floor(4 (T/100)^(2/9)), T = " +
                               std::to_string(codes.distinct_periods) + " (xtscc's default)");
    }
    arma::mat meat = sums.t() * sums;
    const auto periods = static_cast<arma::uword>(codes.periods);
    for (int l = 1; l <= lag && static_cast<arma::uword>(l) < periods; ++l) {
        const auto ul = static_cast<arma::uword>(l);
        const arma::mat gamma = sums.rows(ul, periods - 1).t() * sums.rows(0, periods - 1 - ul);
        meat += (1.0 - l / (lag + 1.0)) * (gamma + gamma.t());
    }
    result.matrix = time_series_factor(estimate, ssc, codes.distinct_periods) * sandwich(estimate.bread, meat);
    return result;
}

}  // namespace gvcpanel::estimators::inference
