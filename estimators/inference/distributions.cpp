#include "estimators/inference/distributions.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace gvcpanel::estimators::inference {

namespace {
bool is_normal(double df) { return !std::isfinite(df); }
}  // namespace

double two_sided_p(double stat, double df) {
    if (!std::isfinite(stat)) return std::nan("");
    const double a = std::fabs(stat);
    if (is_normal(df)) return 2.0 * boost::math::cdf(boost::math::complement(boost::math::normal(), a));
    if (df <= 0) return std::nan("");
    return 2.0 * boost::math::cdf(boost::math::complement(boost::math::students_t(df), a));
}

double two_sided_critical(double level, double df) {
    const double tail = (1.0 - level) / 2.0;
    if (is_normal(df)) return boost::math::quantile(boost::math::complement(boost::math::normal(), tail));
    if (df <= 0) return std::nan("");
    return boost::math::quantile(boost::math::complement(boost::math::students_t(df), tail));
}

double f_upper_p(double stat, double df1, double df2) {
    if (!std::isfinite(stat) || stat < 0 || df1 <= 0 || df2 <= 0) return std::nan("");
    return boost::math::cdf(boost::math::complement(boost::math::fisher_f(df1, df2), stat));
}

double chi2_upper_p(double stat, double df) {
    if (!std::isfinite(stat) || stat < 0 || df <= 0) return std::nan("");
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared(df), stat));
}

}  // namespace gvcpanel::estimators::inference
