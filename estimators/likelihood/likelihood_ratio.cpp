#include "estimators/likelihood/likelihood_ratio.hpp"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>

namespace gvcpanel::estimators {

TestResult lr_slopes_test(double loglik, double loglik_null, std::size_t df, const std::string& note) {
    TestResult t;
    t.name = "lr_slopes";
    t.stat = 2.0 * (loglik - loglik_null);
    t.df = {static_cast<double>(df)};
    t.p = boost::math::cdf(boost::math::complement(boost::math::chi_squared(static_cast<double>(df)),
                                                   std::max(t.stat, 0.0)));
    t.note = note;
    return t;
}

}  // namespace gvcpanel::estimators
