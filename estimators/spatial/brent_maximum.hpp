// The maximum of a function of one variable on an interval by Brent's (1973, ch. 5) method: golden
// sections with parabolic steps, no derivatives; the search R's optimize() runs. The concentrated
// spatial likelihoods are smooth and unimodal in rho on the stable interval.
#pragma once

#include <functional>

namespace gvcpanel::estimators::spatial {

struct BrentMaximum {
    double x = 0;        // the maximiser
    double value = 0;    // f(x)
    int evaluations = 0;
};

// `tolerance`: the absolute precision asked of x (the step near the end is at least this).
BrentMaximum brent_maximum(const std::function<double(double)>& f, double low, double high, double tolerance = 1e-10);

}  // namespace gvcpanel::estimators::spatial
