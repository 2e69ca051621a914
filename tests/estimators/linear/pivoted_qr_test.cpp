// PivotedQr: A P = Q R reproduces A, Q is orthonormal, Q'(Q v) = v.
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "estimators/linear/pivoted_qr.hpp"

namespace gvcpanel::estimators {
namespace {

// Orthogonal-factorisation identities hold to a few ulps of the matrix scale.
constexpr double kIdentityTolerance = 1e-12;

TEST(PivotedQr, ReproducesTheMatrixAndQIsOrthonormal) {
    arma::arma_rng::set_seed(20240517);
    const arma::mat A = arma::randn(50, 4) * arma::diagmat(arma::vec{1.0, 1e3, 1e-2, 10.0});
    PivotedQr qr(A);
    const arma::mat r = qr.r();
    arma::mat permuted(50, 4);
    for (arma::uword j = 0; j < 4; ++j) permuted.col(j) = A.col(qr.pivot()[j]);
    const arma::vec v = arma::randn(50);
    EXPECT_LT(arma::norm(qr.apply_qt(qr.apply_q(v)) - v), kIdentityTolerance * arma::norm(v));
    const arma::mat q = std::move(qr).thin_q();
    EXPECT_LT(arma::abs(q * r - permuted).max(), kIdentityTolerance * arma::abs(A).max());
    EXPECT_LT(arma::abs(q.t() * q - arma::eye(4, 4)).max(), kIdentityTolerance);
    EXPECT_GE(std::fabs(r(0, 0)), std::fabs(r(1, 1))) << "pivoting orders |R_jj| decreasingly";
}

TEST(PivotedQr, RefusesWideOrEmptyMatrices) {
    EXPECT_THROW(PivotedQr(arma::mat(2, 3, arma::fill::ones)), Error);
    EXPECT_THROW(PivotedQr(arma::mat(3, 0)), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
