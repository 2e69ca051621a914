#include "cli/add_margins.hpp"

#include <algorithm>

#include "data/error.hpp"

namespace gvcpanel::cli {

models::Family margins_family(const std::string& estimator) {
    const auto names = models::family_names();
    if (std::find(names.begin(), names.end(), estimator) == names.end())
        throw Error("--margins: partial effects are for the likelihood estimators (logit, probit, "
                    "poisson, negbin, fraclogit, fracprobit), not '" + estimator + "'");
    const models::Family family = models::family_from_name(estimator);
    estimators::require_partial_effects(family);
    return family;
}

void add_margins(estimators::Result& result, const estimators::MarginsInput& input, models::Family family,
                 const estimators::Estimate& fit, const estimators::MarginsOptions& options) {
    result.margins = estimators::partial_effects(input, family, fit, result.vcov_matrix, options);
}

}  // namespace gvcpanel::cli
