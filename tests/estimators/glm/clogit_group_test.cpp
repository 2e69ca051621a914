// The recursion for one group's conditional likelihood against the sum over every subset written
// out (small groups), and its scaling on a group whose unscaled sums would overflow.
#include "estimators/glm/clogit_group.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/compare.hpp"

namespace gvcpanel {
namespace {

// The recursion and the enumeration add the same terms in another order: a few ulps.
constexpr double kSameSumRtol = 1e-12;
// The Hessian is checked against central differences of the score, step 1e-5: error ~ step^2.
constexpr double kFiniteDifferenceRtol = 1e-7;

// log sum over subsets S of size k of exp(sum_S eta), with the mean and covariance of sum_S x
// under those weights, by enumeration (2^m subsets).
struct Enumerated {
    double log_denominator = 0;
    arma::vec mean;
    arma::mat covariance;
};

Enumerated enumerate(const arma::mat& X, const arma::vec& eta, arma::uword k) {
    const arma::uword m = X.n_rows;
    double total = 0;
    arma::vec first(X.n_cols, arma::fill::zeros);
    arma::mat second(X.n_cols, X.n_cols, arma::fill::zeros);
    for (unsigned mask = 0; mask < (1u << m); ++mask) {
        if (static_cast<arma::uword>(__builtin_popcount(mask)) != k) continue;
        double e = 0;
        arma::vec s(X.n_cols, arma::fill::zeros);
        for (arma::uword t = 0; t < m; ++t)
            if (mask & (1u << t)) {
                e += eta[t];
                s += X.row(t).t();
            }
        total += std::exp(e);
        first += std::exp(e) * s;
        second += std::exp(e) * s * s.t();
    }
    Enumerated out;
    out.log_denominator = std::log(total);
    out.mean = first / total;
    out.covariance = second / total - out.mean * out.mean.t();
    return out;
}

void expect_matches_enumeration(const arma::vec& y) {
    arma::arma_rng::set_seed(7);
    const arma::mat X = arma::randn(y.n_elem, 3);
    const arma::vec eta = X * arma::vec{0.8, -0.4, 0.3} + 0.2;
    const auto recursion = estimators::clogit_group(X, eta, y, true);
    const auto exact = enumerate(X, eta, static_cast<arma::uword>(arma::accu(y)));
    const arma::uvec ones = arma::find(y > 0);
    EXPECT_CLOSE("loglik", recursion.loglik, arma::accu(eta.elem(ones)) - exact.log_denominator, kSameSumRtol);
    const arma::vec score = arma::sum(X.rows(ones), 0).t() - exact.mean;
    for (arma::uword j = 0; j < 3; ++j) {
        EXPECT_CLOSE("score", recursion.score[j], score[j], kSameSumRtol);
        for (arma::uword l = 0; l < 3; ++l)
            EXPECT_CLOSE("information", recursion.information(j, l), exact.covariance(j, l), kSameSumRtol);
    }
}

TEST(ClogitGroup, FewOnesMatchesEnumeration) { expect_matches_enumeration({0, 1, 0, 0, 1, 0, 0, 0}); }

// More ones than zeros: the recursion runs over the zeros.
TEST(ClogitGroup, ManyOnesMatchesEnumeration) { expect_matches_enumeration({1, 1, 0, 1, 1, 1, 0, 1, 1}); }

TEST(ClogitGroup, InformationIsMinusTheDerivativeOfTheScore) {
    arma::arma_rng::set_seed(3);
    const arma::mat X = arma::randn(12, 2);
    const arma::vec y = {1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0};
    const arma::vec beta = {0.5, -1.0};
    const double h = 1e-5;
    const arma::mat information = estimators::clogit_group(X, X * beta, y, true).information;
    for (arma::uword j = 0; j < 2; ++j) {
        arma::vec step(2, arma::fill::zeros);
        step[j] = h;
        const arma::vec derivative = (estimators::clogit_group(X, X * (beta + step), y, false).score -
                                      estimators::clogit_group(X, X * (beta - step), y, false).score) / (2 * h);
        for (arma::uword l = 0; l < 2; ++l)
            EXPECT_CLOSE("information", information(l, j), -derivative[l], kFiniteDifferenceRtol);
    }
}

TEST(ClogitGroup, LargeGroupDoesNotOverflow) {
    // 400 rows, 200 ones: C(400, 200) ~ 1e119 terms of size up to e^(200 * 6); unscaled, B
    // overflows. Adding a constant to every eta leaves the conditional likelihood unchanged.
    arma::arma_rng::set_seed(11);
    const arma::mat X = 3 * arma::randn(400, 2);
    arma::vec y(400, arma::fill::zeros);
    y.head(200).ones();
    const arma::vec eta = X * arma::vec{1.0, 0.5};
    const auto base = estimators::clogit_group(X, eta, y, true);
    const auto shifted = estimators::clogit_group(X, eta + 50.0, y, true);
    ASSERT_TRUE(std::isfinite(base.loglik));
    ASSERT_TRUE(base.information.is_finite());
    // The shift adds 200 * 50 = 1e4 to both terms of a loglik of about -1e2: cancellation costs digits.
    constexpr double kShiftRtol = 1e-9;
    EXPECT_CLOSE("loglik", shifted.loglik, base.loglik, kShiftRtol);
    EXPECT_CLOSE("score", shifted.score[0], base.score[0], kShiftRtol);
    EXPECT_CLOSE("information", shifted.information(0, 0), base.information(0, 0), kShiftRtol);
}

}  // namespace
}  // namespace gvcpanel
