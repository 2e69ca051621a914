// The multiplier bootstrap of Callaway and Sant'Anna (2021, section 4; R did's mboot): with
// Rademacher multipliers s_b, draw b of a parameter is sum_i s_bi psi_i / sqrt(n) for its influence
// function psi; its standard error is the draws' interquartile range over that of the normal
// (divided by sqrt n), and the simultaneous band's critical value is the 1 - alpha quantile of the
// largest |draw / scale| over the parameters it covers (a sup-t band).
#pragma once

#include <armadillo>
#include <vector>

namespace gvcpanel::estimators::did {

struct BootstrapInference {
    arma::vec se;                              // per parameter; NaN when its draws are degenerate
    double critical = arma::datum::nan;        // simultaneous band's critical value; NaN without a band
};

// sums: draws x columns of sum_i s_bi x_i (BlockInfluence::rademacher_sums); coefficients:
// columns x parameters; n the number of units; band: which parameters the band covers.
BootstrapInference multiplier_bootstrap(const arma::mat& sums, const arma::mat& coefficients, std::size_t n,
                                        const std::vector<bool>& band, double level);

// R's quantile(x, p, type = 1): the inverse of the empirical distribution function.
double quantile_type1(std::vector<double> values, double p);

}  // namespace gvcpanel::estimators::did
