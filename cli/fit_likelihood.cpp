#include "cli/fit_likelihood.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "data/error.hpp"
#include "estimators/glm/glm_hdfe.hpp"

namespace gvcpanel::cli {

namespace {

// "-inf" and "inf" are accepted (no limit on that side); NaN and trailing text are not.
std::optional<double> limit(const std::string& flag, const std::string& text) {
    if (text.empty()) return std::nullopt;
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end || std::isnan(value))
        throw Error(flag + ": '" + text + "' is not a number");
    return value;
}

bool has_irls_path(models::Family family) {
    return family == models::Family::poisson || family == models::Family::logit ||
           family == models::Family::probit;
}

}  // namespace

estimators::MleOptions mle_options(const ModelRequest& request, models::Family family) {
    estimators::MleOptions options;
    options.info = estimators::MleOptions::information_from_name(request.info);
    if (family != models::Family::tobit && (!request.left.empty() || !request.right.empty()))
        throw Error(std::string(!request.left.empty() ? "--left" : "--right") +
                    ": censoring limits are for --estimator tobit, not " +
                    std::string(models::to_string(family)));
    options.left = limit("--left", request.left);
    options.right = limit("--right", request.right);
    options.validate();
    return options;
}

estimators::Estimate fit_likelihood(models::Design design, models::Family family,
                                    const ModelRequest& request) {
    const estimators::MleOptions options = mle_options(request, family);
    const auto& fixed_effects = design.sample.fixed_effects;
    if (fixed_effects.empty()) return estimators::mle(std::move(design), family, options);
    if (!has_irls_path(family))
        throw Error(std::string(models::to_string(family)) +
                    ": fixed effects (the part after '|') can be absorbed only for poisson, logit "
                    "and probit; put them in the formula as dummies instead, e.g. i(" +
                    fixed_effects.front().name + ")");
    estimators::GlmHdfeOptions hdfe;
    hdfe.threads = request.threads;
    return estimators::glm_hdfe(std::move(design), family, hdfe);
}

}  // namespace gvcpanel::cli
