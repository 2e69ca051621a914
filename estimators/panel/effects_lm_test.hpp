// Lagrange multiplier tests for random effects on pooled OLS residuals (plm's plmtest; Breusch and
// Pagan 1980, Honda 1985, Baltagi 2021 sec. 4.2), unbalanced panels as Baltagi and Li (1990):
// `bp_lm` = LM^2 (chi2(1); two-way: LM_i^2 + LM_t^2, chi2(2)) and `honda` = LM (one-sided normal;
// two-way: (LM_i + LM_t)/sqrt(2)).
#pragma once

#include <armadillo>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

// `residuals` of the pooled OLS fit, one per observation of `groups`.
std::vector<TestResult> effects_lm_tests(const arma::vec& residuals, const PanelGroups& groups, PanelEffect effect);

}  // namespace gvcpanel::estimators
