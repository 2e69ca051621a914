#include "cli/fit_glm.hpp"

#include "estimators/glm_hdfe.hpp"
#include "estimators/mle.hpp"

namespace gvcpanel::cli {

estimators::Estimate fit_glm(models::Design design, models::Family family, const ModelRequest& request) {
    if (design.sample.fixed_effects.empty()) {
        estimators::MleOptions options;
        options.info = estimators::MleOptions::information_from_name(request.info);
        return estimators::mle(std::move(design), family, options);
    }
    estimators::GlmHdfeOptions options;
    options.threads = request.threads;
    return estimators::glm_hdfe(std::move(design), family, options);
}

}  // namespace gvcpanel::cli
