// Lagrange multiplier tests for random effects on pooled OLS residuals (plm's plmtest; Breusch and
// Pagan 1980, Honda 1985, King and Wu 1997, Gourieroux, Holly and Monfort 1982; Baltagi 2021 sec. 4.2),
// unbalanced panels as Baltagi and Li (1990). With LM_i and LM_t the standardised scores of the
// individual and time effects:
// `bp_lm` = LM^2 (chi2(1); two-way: LM_i^2 + LM_t^2, chi2(2)), `honda` = LM (one-sided normal;
// two-way: (LM_i + LM_t)/sqrt(2)), `king_wu` (one-way: LM; two-way: LM_i and LM_t weighted by
// sqrt(M_g - n) / sqrt(M_i + M_t - 2n), M_g = sum of squared group sizes; one-sided normal), and
// `ghm` (two-way only: max(0, LM_i)^2 + max(0, LM_t)^2, the chi-bar-squared mixture 1/4 chi2(0) +
// 1/2 chi2(1) + 1/4 chi2(2)).
#pragma once

#include <armadillo>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

// `residuals` of the pooled OLS fit, one per observation of `groups`: bp_lm and honda.
std::vector<TestResult> effects_lm_tests(const arma::vec& residuals, const PanelGroups& groups, PanelEffect effect);

TestResult king_wu(const arma::vec& residuals, const PanelGroups& groups, PanelEffect effect);

// Two-way effects.
TestResult ghm(const arma::vec& residuals, const PanelGroups& groups);

}  // namespace gvcpanel::estimators
