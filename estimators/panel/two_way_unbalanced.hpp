// Two-way transformations of an unbalanced panel by the Wansbeek and Kapteyn (1989) device: entity
// (quasi-)demeaning Q, then a correction along the Q-transformed period dummies D (n x T, never
// formed), which needs only the T x T matrix D'Q'QD. Balanced-panel shortcuts (x - xbar_i - xbar_t
// + xbar) are wrong here. As plm 2.6's Within(effect = "twoways") and its unbalanced two-way
// random-effects GLS in plm.fit (Baltagi 2021 sec. 9.3).
#pragma once

#include <armadillo>

#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

// n x k: M minus weight_i times its entity mean; `weight` holds one value per entity (N).
arma::mat entity_quasi_demean(const arma::mat& M, const PanelGroups& groups, const arma::vec& weight);

// T x k: the column sums of the rows of M in each period (D'M).
arma::mat period_sums(const arma::mat& M, const PanelGroups& groups);

// T x T: D'Q'QD for Q = entity_quasi_demean with `weight`.
arma::mat period_cross(const PanelGroups& groups, const arma::vec& weight);

// The exact two-way within transformation: W1 M minus its projection on W1 D, W1 the entity
// demeaning (plm: the fitted values of lm.fit(Within(D), M) taken off Within(M)).
arma::mat two_way_within(const arma::mat& M, const PanelGroups& groups);

// S M with S'S = sigma2_e Omega^-1 for Omega = sigma2_e I + sigma2_u D_i D_i' + sigma2_l D D':
// M* = Q M with Q the quasi-demeaning by theta (one value per entity), then M* - Q D G D'Q M*,
// G = V g(Lambda) V' from the eigen-decomposition of A = D'Q'QD = V Lambda V', chosen so that
// 2G - GAG = (I/phi + A)^-1 (Wansbeek and Kapteyn's inverse), phi = sigma2_l / sigma2_e.
arma::mat two_way_gls_transform(const arma::mat& M, const PanelGroups& groups, const arma::vec& theta,
                                double phi);

}  // namespace gvcpanel::estimators
