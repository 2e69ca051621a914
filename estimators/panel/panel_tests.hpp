// The panel specification tests by their names in conventions.md, each computed on the fit it belongs
// to (docs/panel_estimators.md lists them): the LM tests of effects on the pooled OLS fit (bp_lm,
// honda, king_wu, ghm, wooldridge_unobserved, bsy_lm_serial, bsy_lm_individual, bsy_lm_joint),
// hausman and hausman_robust on random effects (refitting within), f_fe and
// wooldridge_ar1 on the one-way within fit, wooldridge_fd and wooldridge_fd_fe on first differences,
// bg_serial and pesaran_cd on the pooled, random-effects or within fit itself. `fit --diagnostics`
// (panel_diagnostics) and `gvcpanel test NAME` both go through panel_test.
#pragma once

#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/panel/random_effects.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

// The fits the tests belong to.
enum class PanelModel { pooled, random_effects, within, first_difference };

struct DiagnosticsOptions {
    RandomEffectsOptions random_effects;  // effect of the LM tests; effect and method of the re fits
    int bg_order = 1;                     // order of bg_serial (plm's pbgtest order)
};

// Every test name, in the order of conventions.md.
const std::vector<std::string>& panel_test_names();

// The fits `name` is defined on, its home fit first; an unknown name is an Error listing them.
std::vector<PanelModel> panel_test_models(const std::string& name);

std::string to_string(PanelModel model);

// The tests `names` for `fit`, the estimate of `model` on `design` (with --panel; the within fit's
// design holds its one fixed effect, the entity), in the order asked. A test not defined on `model`, or one that needs the time when
// --panel gave none, is an Error saying so.
std::vector<TestResult> panel_tests(const std::vector<std::string>& names, PanelModel model, const Estimate& fit,
                                    const models::Design& design, const DiagnosticsOptions& options);

}  // namespace gvcpanel::estimators
