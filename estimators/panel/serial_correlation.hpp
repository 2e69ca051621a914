// Tests for serial correlation of the idiosyncratic errors in panels:
// `wooldridge_ar1` (plm's pwartest; Wooldridge 2010 sec. 10.5.4): within residuals regressed on
//   their lag, rho = -1/(T-1) under no serial correlation, F(1, df) from the entity-clustered HC0
//   covariance of the auxiliary regression;
// `wooldridge_fd` (plm's pwfdtest, Stata's xtserial; Wooldridge 2010 sec. 10.6.3): the same on
//   first-difference residuals with rho = 0 under H0 (no serial correlation of the differences);
// `wooldridge_fd_fe` (pwfdtest(h0 = "fe")): rho = -0.5 under H0, serially uncorrelated errors in
//   levels (so that within is efficient);
// `bg_serial` (plm's pbgtest): Breusch-Godfrey LM on the transformed (demeaned) regression.
#pragma once

#include <armadillo>
#include <cstdint>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

// `residuals` of the within fit on the observations of `groups`.
TestResult wooldridge_ar1(const arma::vec& residuals, const PanelGroups& groups);

// `residuals` of the first-difference fit, with the entity and period code of each difference.
TestResult wooldridge_fd(const arma::vec& residuals, const std::vector<std::int32_t>& entity,
                         const std::vector<std::int32_t>& period);
TestResult wooldridge_fd_fe(const arma::vec& residuals, const std::vector<std::int32_t>& entity,
                            const std::vector<std::int32_t>& period);

// y and X already transformed (within: demeaned, constant columns removed), one row per observation
// of `groups`; chi2(order) statistic n R^2 of the auxiliary regression, as lmtest's bgtest on the
// stacked data ordered by entity and period (lags of the first rows filled with 0).
TestResult bg_serial(const arma::vec& y, const arma::mat& X, const PanelGroups& groups, int order = 1);

}  // namespace gvcpanel::estimators
