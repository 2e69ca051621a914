// The first-difference estimator: OLS of y_it - y_i,t-1 on x_it - x_i,t-1 (plm's model = "fd",
// Wooldridge 2010 sec. 10.6). Needs --panel ID,TIME. A difference across a gap in an entity's
// periods is not formed. Coefficients keep their original names, and the intercept column stays a
// column of ones, so `(Intercept)` is a linear trend in levels, as in plm.
#pragma once

#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

Estimate first_difference(models::Design design);

// The differenced design itself (observation = the later period of each pair), for the tests that
// work on first differences (wooldridge_fd).
models::Design first_differences(const models::Design& design);

}  // namespace gvcpanel::estimators
