// Bera, Sosa-Escudero and Yoon's (2001) locally robust LM tests on pooled OLS residuals (plm's
// pbsytest; unbalanced panels as Sosa-Escudero and Bera 2008), with A = 1 - sum_i (sum_t u_it)^2 / u'u,
// B = sum_i sum_{t>=2} u_it u_i,t-1 / sum_i sum_{t>=2} u_it^2 (lags by row within an entity in time
// order), n = N_obs, a = sum_i T_i^2 and m = the largest number of entities in a period:
//   `bsy_lm_serial`     AR(1) errors robust to random effects (test = "ar"), chi2(1):
//                       (B + (n - m)/(a - n) A)^2 (a - n) n^2 / ((n - m)(a - 3n + 2m));
//   `bsy_lm_individual` random effects robust to AR(1) errors (test = "re", re.normal = TRUE),
//                       one-sided standard normal: -sqrt(n^2 / (2 (a - 3n + 2m))) (A + 2B);
//   `bsy_lm_joint`      Baltagi and Li's (1995) joint test of both (test = "j"), chi2(2):
//                       n^2 ((A + 2B)^2 / (2 (a - 3n + 2m)) + B^2 / (n - m)).
#pragma once

#include <armadillo>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

// `residuals` of the pooled OLS fit, one per observation of `groups` (which need the time).
std::vector<TestResult> bsy_tests(const arma::vec& residuals, const PanelGroups& groups);

}  // namespace gvcpanel::estimators
