// Sun and Abraham (2021), "Estimating dynamic treatment effects in event studies with heterogeneous
// treatment effects", J. of Econometrics 225(2): the regression on cohort x relative-period
// indicators (the formula term sunab(cohort, period), models/sunab.hpp) is any linear fit with any
// covariance; this file turns its cell coefficients into the reported rows as fixest 0.12's
// aggregate() does: by relative period ("year::-3", the default, as fixest prints), the ATT over
// periods from 0 ("ATT"), or per cohort ("cohort::2004"), each a mean of cells weighted by their
// observations; and the joint test that the periods before treatment are zero ("pretrend").
#pragma once

#include <string>

#include "estimators/estimate.hpp"
#include "estimators/infer.hpp"

namespace gvcpanel::estimators::did {

// agg: "" or "period", "att", "cohort", or "none" (every cell). Other coefficients keep their rows
// (those before the sunab() term first, as fixest). An unknown agg is an Error listing them.
void add_sunab_rows(const Estimate& estimate, const std::string& agg, InferenceOptions& options);

}  // namespace gvcpanel::estimators::did
