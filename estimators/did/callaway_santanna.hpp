// Callaway and Sant'Anna (2021), "Difference-in-differences with multiple time periods", J. of
// Econometrics 225(2): the group-time average treatment effects, their aggregation, standard errors
// from the influence functions (clustered on the unit) or the multiplier bootstrap with a
// simultaneous band, and the pre-test of parallel trends, as R did 2.1.2 computes them (the
// differences are listed in docs/did.md). Rows are named as docs/did.md says: ATT(2004,2005),
// ATT, event::-1, cohort::2004, calendar::2005.
#pragma once

#include <cstdint>

#include "estimators/did/cs_aggregation.hpp"
#include "estimators/did/group_time_effects.hpp"
#include "estimators/did/staggered_data.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::estimators::did {

struct CsOptions {
    GroupTimeOptions cells;             // comparison group, anticipation, 2x2 method, base period
    AggregationOptions aggregation;     // which rows
    std::size_t bootstrap = 0;          // multiplier bootstrap draws; 0 = analytic standard errors
    std::uint64_t seed = 1;             // the bootstrap's seed
    double level = 0.95;                // confidence level of intervals and bands

    void validate() const;
};

// The result (coefficients, their covariance from the influence functions, tests "pretrend" and,
// for the dynamic aggregation, "pretrend_event", stats n_units, and with the bootstrap
// simultaneous_crit and bootstrap_reps); formula, outcome and vcov are the caller's to fill.
Result callaway_santanna(const StaggeredData& data, const CsOptions& options);

}  // namespace gvcpanel::estimators::did
