#include "cli/add_margins.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "estimators/likelihood/margins.hpp"

namespace gvcpanel::cli {

models::Family margins_family(const std::string& estimator, const models::Design& design) {
    const auto names = models::family_names();
    if (std::find(names.begin(), names.end(), estimator) == names.end())
        throw Error("--margins: partial effects are for the likelihood estimators (logit, probit, "
                    "poisson, negbin, fraclogit, fracprobit), not '" + estimator + "'");
    const models::Family family = models::family_from_name(estimator);
    estimators::require_partial_effects(family);
    // The fixed effects are part of each eta but not of the fit's coefficients.
    if (!design.sample.fixed_effects.empty())
        throw Error("--margins: partial effects with absorbed fixed effects are not available; "
                    "put them in the formula as dummies instead, e.g. i(" +
                    design.sample.fixed_effects.front().name + ")");
    return family;
}

void add_margins(estimators::Result& result, const models::Design& design, models::Family family,
                 const estimators::Estimate& fit) {
    result.margins = estimators::partial_effects(design, family, fit, result.vcov_matrix);
    result.margins_at = estimators::MarginsAt::average;
}

}  // namespace gvcpanel::cli
