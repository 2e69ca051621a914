// The ReLU check for Poisson with fixed effects on hand-built designs whose separated zeros are
// known by construction (each case states the separating combination z = X g + D a).
#include "estimators/likelihood/regressor_separation.hpp"

#include <gtest/gtest.h>

namespace gvcpanel {
namespace {

using Rows = std::vector<std::size_t>;

models::Grouping grouping(const std::string& name, std::vector<std::int32_t> codes) {
    models::Grouping g;
    g.name = name;
    g.codes = std::move(codes);
    for (auto c : g.codes) g.levels = std::max(g.levels, c + 1);
    return g;
}

TEST(RegressorSeparation, RegressorPositiveOnlyWhereYIsZero) {
    // z = x: 0 wherever y > 0, 2 and 1 on rows 2 and 5 (both y = 0). Rows 1 and 8 are zeros that
    // x does not reach, and every firm has a positive count (no fixed-effect separation).
    const arma::vec y = {3, 0, 0, 1, 2, 0, 4, 1, 0};
    const arma::mat X = arma::mat({0, 0, 2, 0, 0, 1, 0, 0, 0}).t();
    const auto firm = grouping("firm", {0, 0, 0, 1, 1, 1, 2, 2, 2});
    EXPECT_EQ(estimators::separated_zeros_with_fe(X, y, {firm}), (Rows{2, 5}));
}

TEST(RegressorSeparation, CombinationOfRegressorAndFixedEffects) {
    // x is constant among each firm's positives (3 in firm 0, -1 in firm 1), so z = x - 3 d0 + d1
    // is 0 there and 2 on row 2, 1 on row 5, 0 on rows 3 and 7 (zeros not separated). No single
    // regressor separates: x is nonzero on positive rows.
    const arma::vec y = {1, 2, 0, 0, 5, 0, 1, 0};
    const arma::mat X = arma::mat({3, 3, 5, 3, -1, 0, -1, -1}).t();
    const auto firm = grouping("firm", {0, 0, 0, 0, 1, 1, 1, 1});
    EXPECT_EQ(estimators::separated_zeros_with_fe(X, y, {firm}), (Rows{2, 5}));
}

TEST(RegressorSeparation, TwoRegressorsTogetherWithTwoWayEffects) {
    // 6 firms x 4 years, counts positive except rows 5, 11, 14 and 20. x2 = x1 on every row but
    // rows 5 and 14, where x2 = x1 - 1: z = x1 - x2 is 0 on the positives and 1 on those two
    // zeros. With x1 drawn at random, no other z = g1 x1 + g2 x2 + firm + year effects can vanish
    // on the 20 positives, so rows 11 and 20 (z = 0) are not separated.
    arma::arma_rng::set_seed(17);
    arma::mat X(24, 2);
    X.col(0) = arma::randn(24);
    X.col(1) = X.col(0);
    X(5, 1) -= 1;
    X(14, 1) -= 1;
    arma::vec y = arma::round(1 + 3 * arma::randu(24));
    y.elem(arma::uvec{5, 11, 14, 20}).zeros();
    std::vector<std::int32_t> firms, years;
    for (std::int32_t i = 0; i < 24; ++i) {
        firms.push_back(i / 4);
        years.push_back(i % 4);
    }
    EXPECT_EQ(estimators::separated_zeros_with_fe(X, y, {grouping("firm", firms), grouping("year", years)}),
              (Rows{5, 14}));
}

TEST(RegressorSeparation, NoneOnOrdinaryData) {
    // Continuous regressors and counts with zeros spread over both signs of x: no z can be 0 on
    // the positives yet positive on a zero.
    arma::arma_rng::set_seed(5);
    const arma::uword n = 400;
    const arma::mat X = arma::randn(n, 2);
    arma::vec y = arma::floor(arma::exp(0.3 * X.col(0) - 0.2 * X.col(1)) % arma::randu(n) * 2);
    std::vector<std::int32_t> codes;
    for (arma::uword i = 0; i < n; ++i) codes.push_back(static_cast<std::int32_t>(i % 20));
    y.elem(arma::regspace<arma::uvec>(0, 19)).fill(1);  // every firm has a positive count
    EXPECT_TRUE(estimators::separated_zeros_with_fe(X, y, {grouping("firm", codes)}).empty());
}

}  // namespace
}  // namespace gvcpanel
