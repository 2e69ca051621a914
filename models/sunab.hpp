// The columns of sunab(cohort, period), Sun and Abraham's (2021) interacted event study as fixest
// builds it: one indicator per cohort and period relative to the cohort's start (period - cohort),
// named "period::r:cohort::c" and ordered by r then c. Cohorts whose value is no period of the
// sample (0, missing, after the end: never treated) and cohorts observed only before their start
// get no column; nor does the reference period r = -1 (fixest's ref.p). Used by build_design.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/design.hpp"
#include "models/source.hpp"

namespace gvcpanel::models {

struct SunabColumns {
    std::vector<std::int32_t> column_of_obs;  // per sample row: its column, or -1
    std::vector<SunabCell> cells;             // one per column
};

// cohort and period: one value per frame row (cohort NaN = never treated); rows: the sample;
// weights: per sample row, or empty. Errors point at `position` in `source`: no cohort value among
// the periods, a cohort treated in every period it is observed (fixest would drop it; drop it with
// --subset), no column left.
SunabColumns sunab_columns(const double* cohort, const double* period, const std::vector<std::size_t>& rows,
                           const arma::vec& weights, const std::string& period_name, const Source& source,
                           std::size_t position);

}  // namespace gvcpanel::models
