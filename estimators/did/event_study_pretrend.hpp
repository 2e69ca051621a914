// The pre-trend test of a two-way fixed-effects event study written with fixest's i(rel, ref = -1):
// the joint Wald test that the coefficients of the relative periods before the (negative) reference
// are zero, reported as "pretrend" (F with the fit's degrees of freedom, or chi2), so that every
// event-study result carries one.
#pragma once

#include "estimators/estimate.hpp"
#include "estimators/infer.hpp"
#include "models/formula.hpp"

namespace gvcpanel::estimators::did {

// An event-study term is an i(var[, x], ref = r) with a numeric r < 0; its coefficients named
// "var::l" (or "var::l:x") with a numeric l < 0 are tested jointly. Nothing happens without one.
void add_event_study_pretrend(const Estimate& estimate, const models::Formula& formula, InferenceOptions& options);

}  // namespace gvcpanel::estimators::did
