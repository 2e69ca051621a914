// The blocked X' diag(w) X against Armadillo's direct product (row counts that are not a multiple
// of the block, negative weights as in a Hessian), and its independence of the thread count.
#include "estimators/linear/weighted_crossproduct.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

// Both sides are exact sums of the same products in a different order: a few ulps of the largest
// term, relative to entries of order n.
constexpr double kSummationOrderRtol = 1e-12;

TEST(WeightedCrossproduct, EqualsTheDirectProduct) {
    arma::arma_rng::set_seed(7);
    for (const arma::uword n : {1u, 1023u, 1024u, 5000u}) {
        SCOPED_TRACE(n);
        const arma::mat X = arma::randn(n, 6);
        const arma::vec w = arma::randn(n);
        const arma::mat expected = X.t() * (X.each_col() % w);
        const arma::mat actual = weighted_crossproduct(X, w);
        ASSERT_EQ(actual.n_rows, 6u);
        for (arma::uword j = 0; j < 6; ++j)
            for (arma::uword l = 0; l < 6; ++l)
                EXPECT_NEAR(actual(j, l), expected(j, l), kSummationOrderRtol * n);
        EXPECT_TRUE(actual.is_symmetric());
    }
}

TEST(WeightedCrossproduct, SameBitsWithAnyThreadCount) {
    arma::arma_rng::set_seed(11);
    const arma::mat X = arma::randn(100000, 4);
    const arma::vec w = arma::randu(100000);
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    const arma::mat one = weighted_crossproduct(X, w);
    omp_set_num_threads(3);
    const arma::mat three = weighted_crossproduct(X, w);
    omp_set_num_threads(threads);
    EXPECT_TRUE(arma::all(arma::vectorise(one == three)));
}

}  // namespace
}  // namespace gvcpanel::estimators
