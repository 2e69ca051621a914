// `--diagnostics`: the specification tests conventions.md lists for each panel estimator, added to
// the fit's tests. Within (one fixed effect): f_fe (already computed by the within estimator),
// wooldridge_ar1, bg_serial, pesaran_cd; re: hausman, hausman_robust, bp_lm, honda (the auxiliary
// within and pooled OLS fits are made here on the same design); fd: wooldridge_fd.
#pragma once

#include "estimators/estimate.hpp"
#include "estimators/panel/random_effects.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct DiagnosticsOptions {
    RandomEffectsOptions random_effects;  // the re fit's options (effect and method of the comparison)
    int bg_order = 1;                     // order of bg_serial (plm's pbgtest order)
};

// `design` is the design the estimate was fitted on (needs --panel ID,TIME). An estimator without
// listed diagnostics gets a note saying so.
void add_diagnostics(Estimate& estimate, const models::Design& design, const DiagnosticsOptions& options = {});

}  // namespace gvcpanel::estimators
