// Callaway and Sant'Anna's (2021) group-time average treatment effects ATT(g,t): for every cohort
// g and period t, a 2x2 difference-in-differences of cohort g against its comparison units
// (the never treated, or also the not yet treated) between t and a base period, each with its
// influence function. The loop, base periods, comparison groups and R's checks for cells that
// cannot be estimated follow R did 2.1.2's compute.att_gt.
#pragma once

#include <string>
#include <vector>

#include "estimators/did/block_influence.hpp"
#include "estimators/did/staggered_data.hpp"
#include "estimators/did/two_by_two.hpp"

namespace gvcpanel::estimators::did {

enum class BasePeriod { varying, universal };

// "varying" or "universal".
BasePeriod parse_base_period(const std::string& text);

struct GroupTimeOptions {
    ControlGroup control = ControlGroup::never;  // comparison units
    int anticipation = 0;                        // periods before g already affected
    DidMethod method = DidMethod::dr;            // the 2x2 estimator
    BasePeriod base_period = BasePeriod::varying;
};

struct GroupTimeCell {
    double group = 0, time = 0;
    double base = 0;          // the base period compared with `time`
    bool post = false;        // group <= time
    bool reference = false;   // universal base period: the cell of the base itself, 0 by construction
    double att = arma::datum::nan;  // NaN when the cell could not be estimated
    std::string failure;      // why not
    std::size_t column = 0;   // its influence function in `influence`
};

struct GroupTimeEffects {
    std::vector<GroupTimeCell> cells;   // cohort by cohort, periods in order (R's order)
    BlockInfluence influence;           // columns: the cells, then one per cohort (w_i 1{G_i = g})
    std::size_t n_units = 0;            // R's n: every unit (or observation, for cross-sections)
    std::vector<double> groups;         // the cohorts
    arma::vec group_share;              // mean over units of w_i 1{G_i = g}, per cohort (R's pg)
    std::vector<std::size_t> group_column;  // influence column of w_i 1{G_i = g}, per cohort
};

// Cells are computed in parallel (OpenMP); each one's numbers do not depend on the thread count.
GroupTimeEffects group_time_effects(const StaggeredData& data, const GroupTimeOptions& options);

}  // namespace gvcpanel::estimators::did
