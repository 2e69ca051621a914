// The design builder: a ModelSpec on a Frame becomes a Design (models/design.hpp).
//
// Estimation sample, in this order (each count in Design::sample.dropped):
//   1. rows where --subset is not true (false or unknown) are left out (`subset`);
//   2. rows with a missing value in any used variable (outcome, terms, factors, fixed effects,
//      their varying slopes, cluster variables, weights, offset, endogenous, instruments) are
//      dropped (`missing`); a value that is not finite after a transformation (log(0), x/0)
//      counts as missing, as fixest does;
//   3. rows with weight exactly zero are dropped (`zero_weight`), as fixest and Stata do; a negative
//      or infinite weight is an Error naming the row (weights given as an expression, such as
//      1/pop, are checked after step 2, so that a value that is not finite there is missing);
//   4. with fixed effects, observations alone in a group are removed repeatedly (`singletons`)
//      unless keep_singletons (models/singletons.hpp).
// Expressions are evaluated on every row; scale(), center() and mean() take their statistics over
// the --subset rows (all rows without one), before missing values are dropped, as fixest does.
// Columns of X, in order: "(Intercept)" (only without fixed effects), the endogenous variables of
// the IV part, then the terms as written. A factor (i(var), or a categorical column used as a term)
// gives one column `var::level` per level present in the sample, in sorted order; with an intercept
// or fixed effects (or after another full factor) the smallest level is the reference and is left
// out; i(var, ref = L) leaves out L; i(var, x) keeps every level (one slope each, as fixest).
// Collinearity is left to the estimator (pivoted QR).
#pragma once

#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "models/design.hpp"
#include "models/model_spec.hpp"
#include "models/shared_samples.hpp"

namespace gvcpanel::models {

// `panel` is required by l(), f(), d() and fills Sample::entity and Sample::period. `shared`: levels,
// subsets and samples computed once for many designs on `frame` (the design is the same with or
// without it; with it, Sample::shared_key names the sample for the estimators' shared work).
Design build_design(const ModelSpec& spec, const data::Frame& frame,
                    const data::PanelIndex* panel = nullptr, SharedSamples* shared = nullptr);

}  // namespace gvcpanel::models
