// Variance components of the random-effects model y_it = z_it'b + u_i + l_t + e_it, by the
// quadratic-form estimators plm's ercomp offers (Baltagi 2021 ch. 2-3, 9; Baltagi and Chang 1994
// for unbalanced panels): Swamy-Arora, Amemiya, Wallace-Hussain and Nerlove, with plm's degrees-of-
// freedom corrections (dfcor 2/1 for balanced panels, 3 otherwise). Nerlove: two-way only on
// balanced panels.
#pragma once

#include <armadillo>
#include <cmath>
#include <string>

#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

enum class ReMethod { swar, amemiya, walhus, nerlove };

// "swar", "amemiya", "walhus", "nerlove"; anything else is an Error listing them.
ReMethod parse_re_method(const std::string& text);
// "individual", "time", "twoways"; anything else is an Error listing them.
PanelEffect parse_effect(const std::string& text);
std::string to_string(ReMethod method);
std::string to_string(PanelEffect effect);

struct VarianceComponents {
    double idiosyncratic = std::nan("");
    double individual = std::nan("");  // NaN with effect = time
    double time = std::nan("");        // NaN with effect = individual
};

// y is n, Z is n x (K+1) with the intercept in column 0; `groups` the panel of the observations.
// `instruments` (n x L: the intercept, the exogenous regressors and the excluded instruments; a model
// with an IV part) makes the auxiliary within, Between and pooled fits 2SLS with the instruments
// transformed as the data, as plm's ercomp on a formula with an IV part; the expectations of the
// quadratic forms are those of the regressors, as there. nullptr: OLS fits.
VarianceComponents variance_components(const arma::vec& y, const arma::mat& Z, const PanelGroups& groups,
                                       PanelEffect effect, ReMethod method, const arma::mat* instruments = nullptr);

}  // namespace gvcpanel::estimators
