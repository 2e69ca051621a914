#include "reports/estimator_label.hpp"

#include <map>

namespace gvcpanel::reports {

std::string estimator_label(const estimators::Result& result) {
    if (result.stage == "first_stage") return "First stage";
    if (result.stage == "reduced_form") return "Reduced form";
    static const std::map<std::string, std::string> labels = {
        {"ols", "OLS"}, {"re", "RE"}, {"be", "Between"}, {"fd", "FD"}, {"2sls", "2SLS"}, {"liml", "LIML"},
        {"gmm", "GMM"}, {"diff-gmm", "Difference GMM"}, {"sys-gmm", "System GMM"}, {"logit", "Logit"},
        {"probit", "Probit"}, {"poisson", "Poisson"}, {"negbin", "Negative binomial"}, {"tobit", "Tobit"},
        {"fraclogit", "Fractional logit"}, {"fracprobit", "Fractional probit"}, {"ologit", "Ordered logit"},
        {"oprobit", "Ordered probit"}, {"clogit", "Conditional logit"}, {"nls", "NLS"},
    };
    const auto it = labels.find(result.estimator);
    return it == labels.end() ? result.estimator : it->second;
}

}  // namespace gvcpanel::reports
