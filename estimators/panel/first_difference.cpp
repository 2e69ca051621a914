// First differences: observations are ordered by (entity, period) and each one whose predecessor
// in the same entity is exactly one period earlier gives a row of differences. The row keeps the
// later observation's frame row, entity, period and cluster codes, so every covariance of the
// inference layer applies to the differenced model as plm's vcovHC/vcovSCC do.
#include "estimators/panel/first_difference.hpp"

#include <algorithm>
#include <numeric>

#include "data/error.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

models::Design first_differences(const models::Design& design) {
    panel_groups(design, "fd");  // checks the panel structure and what fd does not take
    const auto& entity = design.sample.entity;
    const auto& period = design.sample.period;
    std::vector<arma::uword> order(design.nobs());
    std::iota(order.begin(), order.end(), arma::uword{0});
    std::sort(order.begin(), order.end(), [&](arma::uword a, arma::uword b) {
        return entity[a] != entity[b] ? entity[a] < entity[b] : period[a] < period[b];
    });
    std::vector<arma::uword> later, earlier;
    for (std::size_t r = 1; r < order.size(); ++r) {
        const arma::uword i = order[r], h = order[r - 1];
        if (entity[i] == entity[h] && period[i] == period[h] + 1) {
            later.push_back(i);
            earlier.push_back(h);
        }
    }
    if (later.empty())
        throw Error("fd: no entity of the estimation sample is observed in two consecutive periods");
    const arma::uvec now(later), before(earlier);

    models::Design d;
    d.formula = design.formula;
    d.outcome = design.outcome;
    d.names = design.names;
    d.has_intercept = design.has_intercept;
    d.y = design.y.elem(now) - design.y.elem(before);
    if (!arma::any(d.y != 0.0))
        throw Error("fd: the outcome '" + design.outcome + "' never changes between consecutive periods of an "
                    "entity: its first differences are all zero, so there is nothing to explain");
    d.X = design.X.rows(now) - design.X.rows(before);
    const auto intercept = std::find(d.names.begin(), d.names.end(), "(Intercept)");
    if (intercept != d.names.end()) d.X.col(static_cast<arma::uword>(intercept - d.names.begin())).ones();
    d.sample.dropped = design.sample.dropped;
    d.sample.clusters = design.sample.clusters;
    for (auto& cluster : d.sample.clusters) cluster.codes.clear();
    for (const arma::uword i : later) {
        d.sample.rows.push_back(design.sample.rows[i]);
        d.sample.entity.push_back(entity[i]);
        d.sample.period.push_back(period[i]);
        for (std::size_t c = 0; c < d.sample.clusters.size(); ++c)
            d.sample.clusters[c].codes.push_back(design.sample.clusters[c].codes[i]);
    }
    return d;
}

Estimate first_difference(models::Design design) {
    Estimate estimate = ols(first_differences(design));
    estimate.estimator = "fd";
    return estimate;
}

}  // namespace gvcpanel::estimators
