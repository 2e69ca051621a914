// Entity and period groupings of a panel design, and means within them: the building blocks of the
// between, first-difference and random-effects transformations (Baltagi 2021, ch. 2). Codes are
// made compact on the estimation sample (0..G-1 in the order of the panel's codes), since entities
// of the frame may be absent from it.
#pragma once

#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

// Which effects a panel model has (--effect).
enum class PanelEffect { individual, time, twoways };

struct PanelGroups {
    std::vector<arma::uword> entity;  // n: compact entity code per observation
    std::vector<arma::uword> period;  // n: compact period code per observation
    arma::vec entity_size;            // N: observations per entity (T_i)
    arma::vec period_size;            // T: observations per period (N_t)
    bool balanced = true;             // every entity in every period
    bool has_time = true;             // false with --panel ID alone (periods are positions, below)
};

// Whether an estimator needs the panel's time or only its entities (one-way individual effects).
enum class TimeUse { required, optional };

// Requires --panel ID,TIME (sample.entity and sample.period), or --panel ID alone when `time` is
// optional: then an observation's period is its position within its entity, as plm numbers the
// rows of a panel indexed by the individual alone (a cross-section of groups); balanced means every
// entity has as many observations. Also requires a design without weights, fixed effects or an IV
// part, which these estimators do not take; `estimator` names the caller.
PanelGroups panel_groups(const models::Design& design, const std::string& estimator,
                         TimeUse time = TimeUse::required);

// TimeUse::optional for one-way individual effects, required otherwise.
TimeUse time_use(PanelEffect effect);

// G x k means of the rows of M sharing a code; `sizes` holds the group sizes.
arma::mat group_means(const arma::mat& M, const std::vector<arma::uword>& codes, const arma::vec& sizes);

// n x k: each row replaced by the mean of its group.
arma::mat expand(const arma::mat& means, const std::vector<arma::uword>& codes);

// The within transformation of `effect`: M minus its entity (or period) means; two-way balanced:
// M - B_i M - B_t M + mean(M) (Baltagi 2021 sec. 3.2); two-way unbalanced: the exact projection
// of estimators/panel/two_way_unbalanced (Wansbeek and Kapteyn 1989).
arma::mat within_transform(const arma::mat& M, const PanelGroups& groups, PanelEffect effect);

}  // namespace gvcpanel::estimators
