#include "estimators/inference/panel_codes.hpp"

#include <algorithm>
#include <string>

#include "data/error.hpp"
#include "estimators/inference/small_sample.hpp"

namespace gvcpanel::estimators::inference {

PanelCodes panel_codes(const Estimate& estimate, const char* what, bool need_entity) {
    const std::size_t n = estimate.scores.n_rows;
    if (estimate.scores.n_cols != estimate.k() || n == 0)
        throw Error(std::string(what) + " covariance: estimator '" + estimate.estimator +
                    "' supplied no per-observation scores (n x k)");
    const auto& sample = estimate.sample;
    if (sample.period.size() != n || (need_entity && sample.entity.size() != n))
        throw Error(std::string(what) + " covariance needs the panel's " +
                    (need_entity ? "entity and time" : "time") + ": give --panel ID,TIME");
    PanelCodes codes;
    const auto [lo, hi] = std::minmax_element(sample.period.begin(), sample.period.end());
    codes.periods = static_cast<std::size_t>(*hi - *lo) + 1;
    codes.period.resize(n);
    std::vector<char> seen(codes.periods, 0);
    for (std::size_t i = 0; i < n; ++i) {
        codes.period[i] = sample.period[i] - *lo;
        seen[static_cast<std::size_t>(codes.period[i])] = 1;
    }
    codes.distinct_periods = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), 1));
    if (need_entity) {
        codes.entity = sample.entity;
        codes.entities = static_cast<std::size_t>(*std::max_element(codes.entity.begin(), codes.entity.end())) + 1;
    }
    return codes;
}

double time_series_factor(const Estimate& estimate, const Ssc& ssc, std::size_t groups) {
    double factor = 1.0;
    if (ssc.adj.value_or(false)) {
        const double n = static_cast<double>(estimate.nobs);
        factor *= (n - 1.0) / (n - static_cast<double>(k_star(estimate, ssc, {})));
    }
    if (ssc.cluster_adj.value_or(false)) {
        const double g = static_cast<double>(groups);
        factor *= g / (g - 1.0);
    }
    return factor;
}

}  // namespace gvcpanel::estimators::inference
