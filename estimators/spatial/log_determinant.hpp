// log|I - rho W| from the eigenvalues w_i of W computed once (Ord 1975): log|I - rho W| =
// sum_i log|1 - rho w_i| (complex pairs of an asymmetric W give |.|). Exact, at O(n^3) once: meant for
// n up to a few thousand units (spdep's and splm's method "eigen"). The stable interval is
// (1/min Re w, 1/max Re w), as spdep sets it.
#pragma once

#include <armadillo>

namespace gvcpanel::estimators::spatial {

class LogDeterminant {
public:
    explicit LogDeterminant(const arma::sp_mat& W);

    double operator()(double rho) const;
    double low() const { return low_; }
    double high() const { return high_; }

private:
    arma::cx_vec eigenvalues_;
    double low_ = -1, high_ = 1;
};

}  // namespace gvcpanel::estimators::spatial
