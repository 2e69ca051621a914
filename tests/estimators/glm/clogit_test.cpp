// Conditional logit on hand-built designs: groups without outcome variation dropped and counted,
// the two-period identity with a logit on differences, absorbed regressors, and user errors.
#include "estimators/glm/clogit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "estimators/likelihood/mle.hpp"
#include "support/compare.hpp"

namespace gvcpanel {
namespace {

// Both fits are Newton runs stopped at a Newton decrement near 1e-20: the two solutions agree to
// about 1e-10; 1e-8 leaves room for the different order of summation.
constexpr double kAgreeRtol = 1e-8;

models::Grouping grouping(const std::string& name, std::vector<std::int32_t> codes) {
    models::Grouping g;
    g.name = name;
    g.codes = std::move(codes);
    for (auto c : g.codes) g.levels = std::max(g.levels, c + 1);
    return g;
}

models::Design grouped_design(arma::vec y, arma::mat X, std::vector<std::int32_t> group) {
    models::Design d;
    d.formula = "y ~ x1 + x2 | g";
    d.outcome = "y";
    d.y = std::move(y);
    d.X = std::move(X);
    d.names = {"x1", "x2"};
    d.has_intercept = false;
    d.sample.fixed_effects = {grouping("g", std::move(group))};
    for (std::size_t i = 0; i < d.y.n_elem; ++i) d.sample.rows.push_back(i);
    return d;
}

// A two-period panel: 400 groups, logit with group effects alpha_g ~ N(0, 1), beta = (1, -0.5).
struct TwoPeriods {
    arma::vec y;
    arma::mat X;
    std::vector<std::int32_t> group;
};

TwoPeriods two_periods() {
    arma::arma_rng::set_seed(20240611);
    const std::size_t groups = 400;
    TwoPeriods p;
    p.X = arma::randn(2 * groups, 2);
    const arma::vec alpha = arma::randn(groups);
    const arma::vec u = arma::randu(2 * groups);
    p.y.set_size(2 * groups);
    for (std::size_t i = 0; i < 2 * groups; ++i) {
        const double eta = alpha[i / 2] + p.X(i, 0) - 0.5 * p.X(i, 1);
        p.y[i] = u[i] < 1 / (1 + std::exp(-eta)) ? 1 : 0;
        p.group.push_back(static_cast<std::int32_t>(i / 2));
    }
    return p;
}

TEST(Clogit, TwoPeriodsEqualsLogitOnDifferences) {
    // With T = 2 only groups with y_1 + y_2 = 1 inform, and P(y_2 = 1 | y_1 + y_2 = 1) =
    // logistic((x_2 - x_1)'b): the conditional logit is the logit of y_2 on x_2 - x_1 without
    // intercept on those groups (Chamberlain 1980; Wooldridge 2010, 15.8.3).
    const TwoPeriods p = two_periods();
    const auto fit = estimators::clogit(grouped_design(p.y, p.X, p.group));
    ASSERT_TRUE(fit.converged) << fit.convergence_message;

    std::vector<double> outcome;
    std::vector<arma::uword> second;
    for (arma::uword g = 0; 2 * g < p.y.n_elem; ++g)
        if (p.y[2 * g] + p.y[2 * g + 1] == 1) second.push_back(2 * g + 1);
    const arma::uvec later(second);
    models::Design differences;
    differences.formula = "y2 ~ 0 + dx1 + dx2";
    differences.y = p.y.elem(later);
    differences.X = p.X.rows(later) - p.X.rows(later - 1);
    differences.names = {"x1", "x2"};
    differences.has_intercept = false;
    for (std::size_t i = 0; i < later.n_elem; ++i) differences.sample.rows.push_back(i);
    const auto logit = estimators::mle(differences, models::Family::logit);
    ASSERT_TRUE(logit.converged) << logit.convergence_message;

    EXPECT_EQ(fit.nobs, 2 * later.n_elem);
    EXPECT_EQ(fit.sample.dropped.separated, p.y.n_elem - 2 * later.n_elem);
    for (arma::uword j = 0; j < 2; ++j) {
        EXPECT_CLOSE(fit.names[j], fit.coef[j], logit.coef[j], kAgreeRtol);
        EXPECT_CLOSE(fit.names[j] + " se", std::sqrt(fit.bread(j, j)), std::sqrt(logit.bread(j, j)), kAgreeRtol);
    }
    EXPECT_CLOSE("loglik", fit.stats["loglik"].get<double>(), logit.stats["loglik"].get<double>(), kAgreeRtol);
    // Each pair's score is the differenced logit's observation score, placed on the pair's first row.
    for (arma::uword j = 0; j < 2; ++j)
        EXPECT_CLOSE("meat", arma::dot(fit.scores.col(j), fit.scores.col(j)),
                     arma::dot(logit.scores.col(j), logit.scores.col(j)), kAgreeRtol);
}

TEST(Clogit, GroupsWithoutVariationAreDroppedAndCounted) {
    // Group 0 is all zeros (3 rows) and group 3 all ones (2 rows): 5 rows in 2 groups go; groups
    // 1 and 2 (8 rows) stay.
    const arma::vec y = {0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1};
    const arma::mat X = {{0.1, 1}, {0.4, 2}, {-0.3, 0}, {1.2, 1}, {-0.7, 3}, {0.2, 0}, {0.9, 2},
                         {0.3, 1}, {-0.5, 1}, {0.8, 0}, {-1.1, 2}, {0.6, 5}, {0.1, 1}};
    const auto fit = estimators::clogit(grouped_design(y, X, {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3}));
    EXPECT_EQ(fit.sample.dropped.separated, 5u);
    EXPECT_EQ(fit.nobs, 8u);
    ASSERT_EQ(fit.sample.fixed_effects.size(), 1u);
    EXPECT_EQ(fit.sample.fixed_effects[0].levels, 2);
    ASSERT_FALSE(fit.notes.empty());
    EXPECT_EQ(fit.notes[0], "2 groups (5 obs) dropped because of all positive or all negative outcomes");
}

TEST(Clogit, RegressorConstantWithinGroupsIsDropped) {
    TwoPeriods p = two_periods();
    for (std::size_t i = 0; i < p.y.n_elem; ++i) p.X(i, 1) = static_cast<double>(p.group[i] % 7);
    const auto fit = estimators::clogit(grouped_design(p.y, p.X, p.group));
    ASSERT_TRUE(fit.converged) << fit.convergence_message;
    EXPECT_EQ(fit.names, (std::vector<std::string>{"x1"}));
    EXPECT_EQ(fit.sample.dropped.collinear, (std::vector<std::string>{"x2"}));
}

TEST(Clogit, UserMistakesAreErrors) {
    const TwoPeriods p = two_periods();
    auto two_dimensions = grouped_design(p.y, p.X, p.group);
    two_dimensions.sample.fixed_effects.push_back(two_dimensions.sample.fixed_effects[0]);
    EXPECT_THROW(estimators::clogit(two_dimensions), Error);
    auto no_groups = grouped_design(p.y, p.X, p.group);
    no_groups.sample.fixed_effects.clear();
    EXPECT_THROW(estimators::clogit(no_groups), Error);
    EXPECT_THROW(estimators::clogit(grouped_design(p.y + 1, p.X, p.group)), Error);
    auto varying_weights = grouped_design(p.y, p.X, p.group);
    varying_weights.weights = arma::regspace(1, static_cast<double>(p.y.n_elem));
    EXPECT_THROW(estimators::clogit(varying_weights), Error);
    auto varying_slopes = grouped_design(p.y, p.X, p.group);
    varying_slopes.sample.fixed_effects[0].slopes.variables = {"x1"};
    varying_slopes.sample.fixed_effects[0].slopes.values = p.X.col(0);
    EXPECT_THROW(estimators::clogit(varying_slopes), Error);
    estimators::ClogitOptions options;
    options.max_iterations = 0;
    EXPECT_THROW(options.validate(), Error);
}

TEST(Clogit, SeparatedWithinGroupsIsAVerdict) {
    // In every group the row with the larger x1 is the one: the likelihood rises without bound.
    const arma::vec y = {1, 0, 0, 1, 1, 0, 0, 1};
    const arma::mat X = {{2, 0.3}, {1, 0.1}, {0, 0.5}, {3, 0.2}, {1, 0.9}, {-1, 0.4}, {0, 0.7}, {2, 0.8}};
    const auto fit = estimators::clogit(grouped_design(y, X, {0, 0, 1, 1, 2, 2, 3, 3}));
    EXPECT_FALSE(fit.converged);
    EXPECT_NE(fit.convergence_message.find("separation"), std::string::npos) << fit.convergence_message;
}

}  // namespace
}  // namespace gvcpanel
