// Tail probabilities and quantiles of the test distributions (Boost.Math), computed through the
// complement so that p-values as small as 1e-300 keep their digits.
#pragma once

namespace gvcpanel::estimators::inference {

// Two-sided p-value of a t statistic; df NaN or infinite means the standard normal.
double two_sided_p(double stat, double df);
// Upper quantile q with P(|T| > q) = 1 - level; df NaN or infinite means the standard normal.
double two_sided_critical(double level, double df);
double f_upper_p(double stat, double df1, double df2);
double chi2_upper_p(double stat, double df);

}  // namespace gvcpanel::estimators::inference
