// Borusyak, Jaravel and Spiess (2024), "Revisiting event-study designs: robust and efficient
// estimation", Review of Economic Studies: the imputation estimator. The formula's fixed effects and
// covariates are fitted on the untreated observations only (never treated, or not yet: t < cohort)
// by the within estimator; each treated observation's untreated outcome is imputed from them, and
// the effects are means of y - yhat(0): the ATT over all treated observations and one per horizon
// t - cohort. Standard errors are BJS's conservative ones (Theorem 3), clustered on the unit; the
// pre-trend test regresses the untreated outcomes on leads of the treatment (section 4.4).
#pragma once

#include <string>
#include <vector>

#include "estimators/result.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators::did {

struct ImputationOptions {
    bool horizons_given = false;   // --horizons A:B given
    int first_horizon = 0;         // A; below 0: the leads -1..A are reported from the pre-trend regression
    int last_horizon = 0;          // B
    int default_leads = 3;         // leads tested when A is not negative
    std::string unit_name;         // the panel's unit column (the cluster of the standard errors)
};

// design: the formula's outcome, covariates (no intercept) and fixed effects on the sample, with the
// panel's unit codes; cohort and time: per design row (cohort NaN, 0 or after the last period =
// never treated). Rows: ATT, event::-L..event::-1 (when A < 0), event::h; test pretrend; stats
// n_treated, n_untreated, n_units, n_clusters; notes for treated observations that cannot be imputed.
Result did_imputation(const models::Design& design, const std::vector<double>& cohort, const std::vector<double>& time,
                      const ImputationOptions& options);

}  // namespace gvcpanel::estimators::did
