// The likelihood-ratio test of the slopes (`lr_slopes` in conventions.md): 2 (l - l0) against
// chi2(df), with l0 the log-likelihood of the restricted model the caller fitted.
#pragma once

#include <cstddef>
#include <string>

#include "estimators/estimate.hpp"

namespace gvcpanel::estimators {

// df > 0; a negative statistic (rounding at a flat optimum) gets p = 1. `note` names the restriction.
TestResult lr_slopes_test(double loglik, double loglik_null, std::size_t df, const std::string& note);

}  // namespace gvcpanel::estimators
