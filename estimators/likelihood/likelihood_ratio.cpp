#include "estimators/likelihood/likelihood_ratio.hpp"

#include <algorithm>

#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators {

TestResult lr_slopes_test(double loglik, double loglik_null, std::size_t df, const std::string& note) {
    TestResult t;
    t.name = "lr_slopes";
    t.stat = 2.0 * (loglik - loglik_null);
    t.df = {static_cast<double>(df)};
    t.p = inference::chi2_upper_p(std::max(t.stat, 0.0), static_cast<double>(df));  // NaN stat: NaN p
    t.note = note;
    return t;
}

}  // namespace gvcpanel::estimators
