// `--diagnostics`: the specification tests plm users run on each panel fit, added to the fit's tests
// (estimators/panel/panel_tests computes them; docs/panel_estimators.md lists the sets):
//   pooled OLS (ols without fixed effects, with --panel): bp_lm, honda, wooldridge_unobserved (two-way:
//     king_wu, ghm instead), bsy_lm_serial, bsy_lm_individual, bsy_lm_joint, bg_serial, pesaran_cd;
//   within (one fixed effect without slopes): f_fe (computed by the within estimator), wooldridge_ar1,
//     bg_serial, pesaran_cd;
//   re: hausman, hausman_robust, bp_lm, honda (two-way: king_wu, ghm too), bg_serial, pesaran_cd;
//   fd: wooldridge_fd, wooldridge_fd_fe.
// Tests that need the time are left out, with a note, when --panel gave the entity alone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/panel/panel_tests.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

// The panel fit an estimate is, if any: nullopt for models without panel tests.
std::optional<PanelModel> panel_model(const Estimate& estimate, const models::Design& design);

// The tests --diagnostics adds to a fit of `model` (`has_time`: --panel gave the time).
std::vector<std::string> default_panel_tests(PanelModel model, PanelEffect effect, bool has_time);

// `design` is the design the estimate was fitted on. An estimator without listed diagnostics gets a
// note saying so.
void add_diagnostics(Estimate& estimate, const models::Design& design, const DiagnosticsOptions& options = {});

}  // namespace gvcpanel::estimators
