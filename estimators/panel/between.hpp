// The between estimator: OLS on entity means, one row per entity (plm's model = "between",
// Baltagi 2021 sec. 2.3). Needs --panel. Stats of the OLS on the N means (r2, df_resid = N - K).
#pragma once

#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

Estimate between(models::Design design);

}  // namespace gvcpanel::estimators
