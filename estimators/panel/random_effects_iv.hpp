// Random-effects instrumental variables (plm's model = "random" with an IV part, plm 2.6; Baltagi
// 2021 sec. 7.1): after the variance components (2SLS auxiliary fits, variance_components.hpp), a
// 2SLS of the quasi-demeaned y* on the quasi-demeaned X* with the instruments of --re-iv:
//   bvk     (Balestra and Varadharajan-Krishnakumar 1987, G2SLS; Stata's xtivreg, re): Z*, the
//           instruments quasi-demeaned as the data;
//   baltagi (Baltagi 1981, EC2SLS; Stata's xtivreg, re ec2sls): [W Z, B Z], the instruments
//           within-transformed (the columns that vary within groups) and as group means.
// Z holds the intercept, the exogenous regressors and the excluded instruments. One-way effects
// (individual or time) only, as plm.
#pragma once

#include <armadillo>

#include "estimators/estimate.hpp"
#include "estimators/panel/panel_groups.hpp"
#include "estimators/panel/random_effects.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

// n x L: the design's exogenous columns (intercept included), then its excluded instruments; the
// design loses its IV part (endogenous names and instruments), which leaves the plain panel design.
arma::mat take_instruments(models::Design& design);

// The instrument set of options.iv for the GLS-transformed regression of `q`.
arma::mat re_iv_instruments(const arma::mat& instruments, const PanelGroups& groups, const QuasiDemeaned& q,
                            const RandomEffectsOptions& options);

// 2SLS of transformed.y on transformed.X with instruments W: b = (Xhat'Xhat)^-1 Xhat'y*, Xhat = P_W X*;
// a linear Estimate with bread (Xhat'Xhat)^-1 and scores xhat_i e*_i, e* = y* - X* b, s^2 = e*'e*/(n - K)
// (plm's vcov: twosls' lm on Xhat with the structural residuals). stats: df_resid, n_instruments, re_iv.
Estimate random_effects_two_stage(models::Design transformed, const arma::mat& W, ReIvMethod method);

}  // namespace gvcpanel::estimators
