// Dynamic-panel GMM: Arellano and Bond (1991) difference GMM (`diff-gmm`) and Blundell and Bond
// (1998) system GMM (`sys-gmm`), one-step or two-step, on the equations of estimators/gmm/dynamic_panel.
// The moment sums are accumulated entity by entity (in parallel), so time and memory grow linearly
// in the number of entities. Definitions follow plm's pgmm, which follows xtabond2: the one-step
// weights (sum Z_i'H Z_i)^-1, the two-step weights (sum Z_i'e_i e_i'Z_i)^-1 from one-step residuals,
// Windmeijer's (2005) corrected two-step covariance, Sargan and Hansen tests, Arellano-Bond AR(m).
#pragma once

#include <string>
#include <vector>

#include "data/panel_index.hpp"
#include "estimators/gmm/dynamic_panel.hpp"
#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

// The scale of the one-step iid covariance and of the Sargan test.
enum class OneStepScale {
    sigma2,  // sigma^2 (X'Z W Z'X)^-1, sigma^2 = e'e / (2 (n - k)) from the differences (xtabond2)
    plm,     // (X'Z W Z'X)^-1 / N, N the number of entities: what pgmm's vcov() returns (--ssc plm)
};

struct DynamicGmmOptions {
    DynamicPanelOptions panel;                 // the equations and instruments
    bool two_step = false;                     // two-step efficient weights (--two-step)
    bool robust = false;                       // AR tests with the robust covariance (the fit's --vcov)
    OneStepScale one_step_scale = OneStepScale::sigma2;
    int threads = 0;                           // OpenMP threads over entities; 0 = the program's setting
};

// `estimator` is "diff-gmm" or "sys-gmm" (options.panel.system says which equations); gmm_levels as
// DynamicPanel takes them. Kind gmm: iid_vcov and robust_vcov (one-step robust or Windmeijer)
// supplied; tests sargan, hansen, diff_hansen:<group>, ar1, ar2; stats n_instruments, n_groups.
Estimate dynamic_gmm(models::Design design, const data::PanelIndex& panel,
                     const std::vector<std::vector<double>>& gmm_levels, const DynamicGmmOptions& options,
                     const std::string& estimator);

}  // namespace gvcpanel::estimators
