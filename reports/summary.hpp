// The readable summary of one fitted model (`gvcpanel fit --format text`), in the spirit of fixest's
// and Stata's output: a header (estimator, formula, N, covariance), the coefficient table with
// stars and confidence intervals, partial effects (--margins), fit statistics, what was dropped,
// tests and notes.
#pragma once

#include <string>

#include "estimators/result.hpp"

namespace gvcpanel::reports {

struct SummaryOptions {
    int significant_digits = 6;  // of estimates, standard errors and statistics
    double level = 0.95;         // the confidence level the Result's intervals were computed at
};

std::string summary(const estimators::Result& result, const SummaryOptions& options = {});

}  // namespace gvcpanel::reports
