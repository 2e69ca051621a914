// Pesaran's (2004, 2015) CD test of cross-sectional dependence (plm's pcdtest(test = "cd")):
// CD = sqrt(1/P) sum_{i<j} sqrt(T_ij) rho_ij over the P pairs of entities with at least two common
// periods, rho_ij the correlation of their residuals over those periods; standard normal, two-sided.
#pragma once

#include <armadillo>

#include "estimators/estimate.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

// `residuals` of a panel fit, one per observation of `groups`. O(N^2 T) for N entities.
TestResult pesaran_cd(const arma::vec& residuals, const PanelGroups& groups);

}  // namespace gvcpanel::estimators
