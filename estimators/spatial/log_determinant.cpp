#include "estimators/spatial/log_determinant.hpp"

#include "data/error.hpp"

namespace gvcpanel::estimators::spatial {

LogDeterminant::LogDeterminant(const arma::sp_mat& W) {
    const arma::mat dense(W);
    if (dense.is_symmetric()) {
        eigenvalues_ = arma::conv_to<arma::cx_vec>::from(arma::eig_sym(dense));
    } else if (!arma::eig_gen(eigenvalues_, dense)) {
        throw Error("spatial weights: the eigenvalues of W could not be computed");
    }
    const arma::vec real = arma::real(eigenvalues_);
    if (real.min() >= 0 || real.max() <= 0)
        throw Error("spatial weights: W needs eigenvalues of both signs (is W empty?)");
    low_ = 1.0 / real.min();
    high_ = 1.0 / real.max();
}

double LogDeterminant::operator()(double rho) const {
    return arma::accu(arma::log(arma::abs(1.0 - rho * eigenvalues_)));
}

}  // namespace gvcpanel::estimators::spatial
