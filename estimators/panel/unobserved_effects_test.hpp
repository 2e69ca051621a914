// Wooldridge's (2010, sec. 10.4.4) test for unobserved effects (plm's pwtest): on pooled OLS residuals
// u, W = sum_g sum_{t<s} u_gt u_gs over the groups g of the effect (entities, or periods for time
// effects), z = W / sqrt(sum_g (sum_{t<s} u_gt u_gs)^2), standard normal, two-sided. Robust to
// heteroskedasticity and to serial correlation of unknown form; needs no time order.
#pragma once

#include <armadillo>

#include "estimators/estimate.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

// `residuals` of the pooled OLS fit; effect individual or time (two-way is an Error).
TestResult wooldridge_unobserved(const arma::vec& residuals, const PanelGroups& groups, PanelEffect effect);

}  // namespace gvcpanel::estimators
