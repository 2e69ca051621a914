// The unbalanced two-way transformations against their dense definitions on a 9-row panel (4
// entities, 3 periods, three cells missing): the within transformation equals the residuals of the
// regression on entity and period dummies, and the GLS transformation S satisfies S'S =
// sigma2_e Omega^-1 for Omega = sigma2_e I + sigma2_u D_i D_i' + sigma2_l D_t D_t'.
#include "estimators/panel/two_way_unbalanced.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

// Both sides are exact linear algebra on 9 rows: they agree to rounding.
constexpr double kExactTol = 1e-10;

PanelGroups unbalanced_panel() {
    PanelGroups groups;
    groups.entity = {0, 0, 0, 1, 1, 2, 2, 3, 3};
    groups.period = {0, 1, 2, 1, 2, 0, 2, 0, 1};
    groups.entity_size = {3, 2, 2, 2};
    groups.period_size = {3, 3, 3};
    groups.balanced = false;
    return groups;
}

arma::mat dummies(const std::vector<arma::uword>& codes, arma::uword levels) {
    arma::mat D(codes.size(), levels, arma::fill::zeros);
    for (std::size_t r = 0; r < codes.size(); ++r) D(r, codes[r]) = 1.0;
    return D;
}

TEST(TwoWayUnbalanced, WithinEqualsDummyRegressionResiduals) {
    const PanelGroups groups = unbalanced_panel();
    arma::arma_rng::set_seed(20260);
    const arma::mat M(9, 2, arma::fill::randn);
    const arma::mat D = arma::join_rows(dummies(groups.entity, 4), dummies(groups.period, 3).cols(1, 2));
    const arma::mat residuals = M - D * arma::solve(D, M);
    EXPECT_LT(arma::abs(two_way_within(M, groups) - residuals).max(), kExactTol);
}

TEST(TwoWayUnbalanced, GlsTransformSquaresToOmegaInverse) {
    const PanelGroups groups = unbalanced_panel();
    const double s2_e = 0.5, s2_u = 2.0, s2_l = 0.7;
    const arma::mat Di = dummies(groups.entity, 4), Dt = dummies(groups.period, 3);
    const arma::mat omega = s2_e * arma::eye(9, 9) + s2_u * Di * Di.t() + s2_l * Dt * Dt.t();
    const arma::vec theta = 1.0 - arma::sqrt(s2_e / (s2_e + groups.entity_size * s2_u));
    const arma::mat S = two_way_gls_transform(arma::eye(9, 9), groups, theta, s2_l / s2_e);
    EXPECT_LT(arma::abs(S.t() * S - s2_e * arma::inv_sympd(omega)).max(), kExactTol);
}

}  // namespace
}  // namespace gvcpanel::estimators
