// Random-effects GLS by quasi-demeaning (plm's model = "random", Baltagi 2021 sec. 2.3 and 3.3):
// y_it - theta_i ybar_i (two-way balanced: - theta_t ybar_t + theta_total ybar; two-way unbalanced:
// Wansbeek and Kapteyn's transformation) regressed by OLS on the same transformation of (1, X), with
// theta from the variance components (estimators/panel/variance_components). With an IV part, the
// auxiliary fits of the components and the final fit are 2SLS (estimators/panel/random_effects_iv).
// The Estimate is that of the transformed regression (bread, scores), so every covariance of the
// inference layer applies. Stats: theta, sigma2_idiosyncratic/individual/time, plm's r2 (squared
// correlation of y* and its fit), and Stata's r2_within, r2_between, r2_overall (xtreg, re).
#pragma once

#include "estimators/estimate.hpp"
#include "estimators/panel/re_iv_method.hpp"
#include "estimators/panel/variance_components.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct RandomEffectsOptions {
    ReMethod method = ReMethod::swar;              // variance components (--re-method)
    PanelEffect effect = PanelEffect::individual;  // individual, time or two-way effects (--effect)
    bool mundlak = false;  // correlated random effects: add the entity means of the regressors that
                           //   vary within entities, named mean(x) (Mundlak 1978; Wooldridge 2010 10.7.3)
    ReIvMethod iv = ReIvMethod::bvk;  // instruments of a model with an IV part (--re-iv; random_effects_iv.hpp)
};

Estimate random_effects(models::Design design, const RandomEffectsOptions& options = {});

// The GLS transformation on its own (for the regression-based Hausman test): the design with y and
// Z = (1, X) quasi-demeaned, intercept first, sample unchanged; and the variance components.
struct QuasiDemeaned {
    models::Design design;
    VarianceComponents sigma2;
    arma::vec theta_individual;  // n; zeros without individual effects
    arma::vec theta_time;        // n; zeros without time effects
    arma::vec theta_total;       // n; two-way effects only (zeros otherwise, or when an effect's variance is 0)
};
// `instruments` (n x L, a model with an IV part; see variance_components) make the auxiliary fits of
// the variance components 2SLS; the design itself must come without its IV part.
QuasiDemeaned quasi_demean(models::Design design, const RandomEffectsOptions& options,
                           const arma::mat* instruments = nullptr);

// The same GLS transformation of the columns of M (n x c, rows the design's observations), with the
// thetas and variance components of `q`.
arma::mat gls_transform(const arma::mat& M, const PanelGroups& groups, const QuasiDemeaned& q, PanelEffect effect);

// The Mundlak device on its own: the design with mean(x) columns appended (needs --panel).
models::Design with_entity_means(models::Design design);

}  // namespace gvcpanel::estimators
