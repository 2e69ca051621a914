// How a table names a model's estimator: "OLS", "2SLS", "Poisson", "System GMM", and for an IV fit's
// extra models "First stage" and "Reduced form"; a name it does not know is printed as it is.
#pragma once

#include <string>

#include "estimators/result.hpp"

namespace gvcpanel::reports {

std::string estimator_label(const estimators::Result& result);

}  // namespace gvcpanel::reports
