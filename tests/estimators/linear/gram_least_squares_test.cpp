// gram_least_squares: on well-conditioned designs it gives LAPACK's QR least-squares solution, its
// residuals and hat diagonal; designs that may be collinear are left to the pivoted QR.
#include <gtest/gtest.h>

#include "estimators/linear/gram_least_squares.hpp"

namespace gvcpanel::estimators {
namespace {

// Both solutions are backward stable with cond(X) ~ 1e3 here, so they agree to cond * eps.
constexpr double kAgreement = 1e-12;

arma::mat design(arma::uword n) {
    arma::arma_rng::set_seed(20261128);
    arma::mat X = arma::randn(n, 4) * arma::diagmat(arma::vec{1.0, 1e3, 1e-2, 10.0});
    X.col(0) += 5.0;  // a large mean, as levels have
    return X;
}

double relative_difference(const arma::mat& a, const arma::mat& b) {
    return arma::abs(a - b).max() / arma::abs(b).max();
}

TEST(GramLeastSquares, EqualsTheQrSolutionWithALargeResidual) {
    const arma::mat X = design(5000);
    const arma::vec y = X * arma::vec{1.0, -2e-3, 30.0, 0.5} + 100.0 * arma::randn(5000);
    const auto fit = gram_least_squares(X, y, {}, false);
    ASSERT_TRUE(fit.has_value());
    const arma::vec expected = arma::solve(X, y);
    EXPECT_LT(relative_difference(fit->coef, expected), kAgreement);
    EXPECT_LT(relative_difference(fit->residuals, y - X * expected), kAgreement);
    EXPECT_LT(relative_difference(fit->bread, arma::inv_sympd(X.t() * X)), kAgreement);
}

TEST(GramLeastSquares, WeightsEqualTheRescaledProblem) {
    const arma::mat X = design(3000);
    const arma::vec y = X * arma::vec{2.0, 1e-3, -4.0, 0.25} + arma::randn(3000);
    const arma::vec w = 0.5 + arma::randu(3000);
    const auto fit = gram_least_squares(X, y, w, true);
    ASSERT_TRUE(fit.has_value());
    const arma::vec sqrt_w = arma::sqrt(w);
    const arma::mat A = X.each_col() % sqrt_w;
    const arma::vec expected = arma::solve(A, y % sqrt_w);
    EXPECT_LT(relative_difference(fit->coef, expected), kAgreement);
    EXPECT_LT(relative_difference(fit->residuals, y - X * expected), kAgreement);

    arma::mat Q, R;
    arma::qr_econ(Q, R, A);
    EXPECT_LT(relative_difference(fit->leverage, arma::sum(arma::square(Q), 1)),
              kAgreement);
}

TEST(GramLeastSquares, LeavesCollinearAndIllConditionedDesignsToTheQr) {
    arma::mat X = design(200);
    const arma::vec y = arma::randn(200);
    X.col(3) = X.col(0) + X.col(2);
    EXPECT_FALSE(gram_least_squares(X, y, {}, false).has_value()) << "exactly collinear";
    X.col(3) += 1e-3 * arma::randn(200);
    EXPECT_FALSE(gram_least_squares(X, y, {}, false).has_value()) << "cond(X) ~ 5e3, where Wampler5 lost 5 digits";
    X.col(3).zeros();
    EXPECT_FALSE(gram_least_squares(X, y, {}, false).has_value()) << "a zero column";
    EXPECT_FALSE(gram_least_squares(arma::mat(3, 4, arma::fill::randn), arma::vec(3), {}, false).has_value())
        << "fewer rows than columns";
}

}  // namespace
}  // namespace gvcpanel::estimators
