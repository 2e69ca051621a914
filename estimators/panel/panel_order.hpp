// The (entity, period) order of a panel's observations, in which its serial-correlation tests take
// lags by row within an entity, as plm does.
#pragma once

#include <algorithm>
#include <armadillo>
#include <numeric>
#include <vector>

namespace gvcpanel::estimators {

// Positions of the observations sorted by entity, then period.
template <typename Code>
std::vector<arma::uword> panel_order(const std::vector<Code>& entity, const std::vector<Code>& period) {
    std::vector<arma::uword> order(entity.size());
    std::iota(order.begin(), order.end(), arma::uword{0});
    std::sort(order.begin(), order.end(), [&](arma::uword a, arma::uword b) {
        return entity[a] != entity[b] ? entity[a] < entity[b] : period[a] < period[b];
    });
    return order;
}

}  // namespace gvcpanel::estimators
