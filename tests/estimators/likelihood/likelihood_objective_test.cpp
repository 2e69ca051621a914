// LikelihoodObjective's derivatives against central differences, for an analytic family (logit)
// and the families whose gradient comes from Ceres Jets and whose Hessian is a Richardson-
// extrapolated difference of that gradient (negbin, Tobit, ordered logit), at a point away from
// the optimum; and the scores sum to the gradient.
#include "estimators/likelihood/likelihood_objective.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace gvcpanel::estimators {
namespace {

// Central differences with step h carry h^2 truncation and eps/h rounding: about 1e-7 relative at
// h = 1e-5, well above the objective's own derivative error (1e-11 claimed for its Hessian).
constexpr double kDifferenceStep = 1e-5;
constexpr double kDifferenceRtol = 1e-6;
// The Hessian is assembled as a sum of symmetric local blocks: asymmetry is rounding only.
constexpr double kSymmetryRtol = 1e-12;
// The scores and the gradient sum the same 300 terms in another order: n eps of their scale.
constexpr double kSumRtol = 1e-11;

struct Problem {
    arma::mat X;
    LikelihoodData data;
    arma::vec theta;
};

Problem problem(models::Family family) {
    arma::arma_rng::set_seed(20261128);
    const arma::uword n = 300;
    Problem p;
    p.X = arma::join_rows(arma::ones(n), arma::randn(n, 2));
    p.data.family = family;
    const arma::vec eta = p.X * arma::vec{0.3, 0.8, -0.5};
    for (arma::uword i = 0; i < n; ++i) {
        models::Observation o;
        switch (family) {
            case models::Family::logit: o.y = eta(i) + arma::randn() > 0 ? 1 : 0; break;
            case models::Family::negbin: o.y = std::floor(std::exp(eta(i)) * 2 * arma::randu()); break;
            case models::Family::tobit:
                o.y = std::max(0.0, eta(i) + arma::randn());
                o.left = 0;
                break;
            default:  // ologit, three categories
                o.categories = 3;
                o.category = eta(i) + arma::randn() < -0.5 ? 0 : eta(i) + arma::randn() < 0.7 ? 1 : 2;
                o.y = o.category;
        }
        p.data.observations.push_back(o);
    }
    // Ordered models carry no intercept: the cut points play its part.
    if (family == models::Family::ologit) p.X.shed_col(0);
    p.data.X = &p.X;
    p.data.ancillary = family == models::Family::ologit ? 2 : family == models::Family::logit ? 0 : 1;
    p.theta = family == models::Family::ologit ? arma::vec{0.7, -0.4, -0.6, 0.5}
                                                : arma::vec(arma::join_cols(arma::vec{0.1, 0.6, -0.3},
                                                                            arma::vec(p.data.ancillary, arma::fill::value(0.2))));
    return p;
}

void expect_derivatives_match_differences(models::Family family) {
    Problem p = problem(family);
    const LikelihoodObjective objective(p.data);
    const LikelihoodDerivatives d = objective.derivatives(p.theta, true);
    ASSERT_EQ(d.gradient.n_elem, p.theta.n_elem);
    const double gradient_scale = arma::abs(d.gradient).max();
    const double hessian_scale = arma::abs(d.hessian).max();
    for (arma::uword j = 0; j < p.theta.n_elem; ++j) {
        arma::vec up = p.theta, down = p.theta;
        up(j) += kDifferenceStep;
        down(j) -= kDifferenceStep;
        const double slope = (objective.loglik(up) - objective.loglik(down)) / (2 * kDifferenceStep);
        EXPECT_NEAR(d.gradient(j), slope, kDifferenceRtol * gradient_scale) << "gradient " << j;
        const arma::vec column = (objective.derivatives(up, false).gradient -
                                  objective.derivatives(down, false).gradient) / (2 * kDifferenceStep);
        for (arma::uword i = 0; i < p.theta.n_elem; ++i) {
            EXPECT_NEAR(d.hessian(i, j), column(i), kDifferenceRtol * hessian_scale) << "hessian " << i << "," << j;
            EXPECT_NEAR(d.hessian(i, j), d.hessian(j, i), kSymmetryRtol * hessian_scale);
        }
    }
    const arma::rowvec score_total = arma::sum(objective.scores(p.theta), 0);
    EXPECT_NEAR(arma::abs(score_total.t() - d.gradient).max(), 0.0,
                kSumRtol * arma::abs(objective.scores(p.theta)).max() * static_cast<double>(objective.n()))
        << "the scores sum to the gradient";
}

TEST(LikelihoodObjective, LogitAnalyticDerivatives) { expect_derivatives_match_differences(models::Family::logit); }
TEST(LikelihoodObjective, NegbinJetDerivatives) { expect_derivatives_match_differences(models::Family::negbin); }
TEST(LikelihoodObjective, TobitJetDerivatives) { expect_derivatives_match_differences(models::Family::tobit); }
TEST(LikelihoodObjective, OrderedLogitJetDerivatives) { expect_derivatives_match_differences(models::Family::ologit); }

}  // namespace
}  // namespace gvcpanel::estimators
