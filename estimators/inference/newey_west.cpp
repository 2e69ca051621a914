// Panel Newey-West covariance (Newey and West 1987, within each entity; plm's vcovNW): robust to
// heteroskedasticity and serial correlation within an entity up to lag L, assuming independence
// across entities: meat = sum_i [ sum_t s_it s_it' + sum_{l=1..L} (1 - l/(L+1)) sum_t (s_it s_i,t-l' + s_i,t-l s_it') ].
#include <algorithm>
#include <numeric>

#include "estimators/inference/covariance_types.hpp"
#include "estimators/inference/panel_codes.hpp"

namespace gvcpanel::estimators::inference {

Covariance newey_west_covariance(const Estimate& estimate, int lag, const Ssc& ssc) {
    const PanelCodes codes = panel_codes(estimate, "nw (panel Newey-West)", true);
    const arma::mat& s = estimate.scores;
    std::vector<arma::uword> order(s.n_rows);
    std::iota(order.begin(), order.end(), arma::uword{0});
    std::sort(order.begin(), order.end(), [&](arma::uword a, arma::uword b) {
        return codes.entity[a] != codes.entity[b] ? codes.entity[a] < codes.entity[b]
                                                  : codes.period[a] < codes.period[b];
    });
    arma::mat meat = s.t() * s;
    // Within an entity (sorted by period), pair each observation with those up to `lag` periods back.
    for (std::size_t a = 0; a < order.size(); ++a) {
        for (std::size_t b = a + 1; b < order.size(); ++b) {
            const auto i = order[a], j = order[b];
            if (codes.entity[j] != codes.entity[i]) break;
            const int distance = codes.period[j] - codes.period[i];
            if (distance > lag) break;
            if (distance == 0) continue;
            const double weight = 1.0 - distance / (lag + 1.0);
            const arma::mat cross = s.row(j).t() * s.row(i);
            meat += weight * (cross + cross.t());
        }
    }
    Covariance result;
    result.matrix = time_series_factor(estimate, ssc, codes.entities) * sandwich(estimate.bread, meat);
    return result;
}

}  // namespace gvcpanel::estimators::inference
