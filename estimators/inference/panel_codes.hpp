// The panel codes that the time-series covariances (dk, nw, pcse) need, checked once: the entity
// and period of each observation, with the period codes made to start at zero.
#pragma once

#include <cstdint>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/ssc.hpp"

namespace gvcpanel::estimators::inference {

struct PanelCodes {
    std::vector<std::int32_t> entity;   // 0..entities-1
    std::vector<std::int32_t> period;   // 0..periods-1, gaps preserved (t - 1 is the previous period)
    std::size_t entities = 0;
    std::size_t periods = 0;            // span of the period codes
    std::size_t distinct_periods = 0;   // periods with at least one observation (T)
};

// `what` names the covariance in the error raised when the estimate has no panel codes.
PanelCodes panel_codes(const Estimate& estimate, const char* what, bool need_entity);

// The factor of the time-series covariances: none by default (plm's vcovSCC, vcovNW, vcovBK use
// type = "HC0"); an explicit adj=1 adds (N-1)/(N-K*), an explicit cluster_adj=1 adds G/(G-1) with G
// the number of `groups` (plm's type = "sss").
double time_series_factor(const Estimate& estimate, const Ssc& ssc, std::size_t groups);

}  // namespace gvcpanel::estimators::inference
