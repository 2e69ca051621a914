#include "estimators/within.hpp"

#include <gtest/gtest.h>

#include <armadillo>
#include <random>

#include "data/error.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;

// A firm x year panel (unbalanced: every 7th observation left out) with x1 correlated with the
// firm effect, x2 noise, and `size` constant within firm (absorbed by the firm effects).
models::Design panel(bool weighted, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal;
    std::vector<double> firm_effect(25), year_effect(6), size(25);
    for (auto& a : firm_effect) a = normal(rng);
    for (auto& g : year_effect) g = normal(rng);
    for (auto& s : size) s = 50.0 + 10.0 * normal(rng);
    models::Design d;
    d.formula = "y ~ x1 + x2 + size | firm + year";
    d.outcome = "y";
    d.names = {"x1", "x2", "size"};
    d.has_intercept = false;
    models::Grouping firm{"firm", {}, 25, {}}, year{"year", {}, 6, {}};
    std::vector<double> y, x1, x2, s;
    for (int f = 0; f < 25; ++f)
        for (int t = 0; t < 6; ++t) {
            if ((f * 6 + t) % 7 == 3) continue;
            firm.codes.push_back(f);
            year.codes.push_back(t);
            x1.push_back(firm_effect[f] + normal(rng));
            x2.push_back(normal(rng));
            s.push_back(size[f]);
            y.push_back(1.0 + 0.8 * x1.back() - 0.3 * x2.back() + 2.0 * firm_effect[f] +
                        year_effect[t] + normal(rng));
        }
    d.y = arma::vec(y);
    d.X = arma::join_rows(arma::vec(x1), arma::vec(x2), arma::vec(s));
    for (std::size_t i = 0; i < y.size(); ++i) d.sample.rows.push_back(i);
    d.sample.fixed_effects = {firm, year};
    if (weighted) {
        std::uniform_real_distribution<double> uniform(0.5, 2.0);
        d.weights.set_size(y.size());
        for (auto& w : d.weights) w = uniform(rng);
    }
    return d;
}

// Weighted least squares of y on [X, all dummies] by the pseudo-inverse: slopes, residual sum of
// squares, and the rank of the dummies.
struct Lsdv {
    arma::vec slopes;
    double rss = 0;
    double r2 = 0;
    arma::uword dummy_rank = 0;
};

Lsdv dummy_regression(const models::Design& d, arma::uword k) {
    const std::size_t n = d.y.n_elem;
    std::size_t levels = 0;
    for (const auto& g : d.sample.fixed_effects) levels += g.levels;
    arma::mat D(n, levels, arma::fill::zeros);
    std::size_t offset = 0;
    for (const auto& g : d.sample.fixed_effects) {
        for (std::size_t i = 0; i < n; ++i) D(i, offset + g.codes[i]) = 1.0;
        offset += g.levels;
    }
    const arma::vec w = d.weights.is_empty() ? arma::vec(n, arma::fill::ones) : d.weights;
    const arma::mat Z = arma::join_rows(d.X.cols(0, k - 1), D);
    const arma::mat ZW = Z.each_col() % w;
    const arma::vec gamma = arma::pinv(ZW.t() * Z) * (ZW.t() * d.y);
    const arma::vec e = d.y - Z * gamma;
    Lsdv fit;
    fit.slopes = gamma.head(k);
    fit.rss = arma::dot(w % e, e);
    const double mean = arma::dot(w, d.y) / arma::accu(w);
    fit.r2 = 1.0 - fit.rss / arma::dot(w % (d.y - mean), d.y - mean);
    fit.dummy_rank = arma::rank(D);
    return fit;
}

void check_against_dummy_regression(bool weighted, unsigned seed) {
    const models::Design d = panel(weighted, seed);
    const Lsdv lsdv = dummy_regression(d, 2);
    const Estimate fit = within(d);
    EXPECT_TRUE(fit.converged) << fit.convergence_message;
    ASSERT_EQ(fit.names, (std::vector<std::string>{"x1", "x2"}));
    EXPECT_EQ(fit.sample.dropped.collinear, std::vector<std::string>{"size"});
    EXPECT_EQ(fit.df_fe, lsdv.dummy_rank);
    EXPECT_CLOSE("x1", fit.coef(0), lsdv.slopes(0), kCoefRtol);
    EXPECT_CLOSE("x2", fit.coef(1), lsdv.slopes(1), kCoefRtol);
    const double df = static_cast<double>(d.y.n_elem) - 2.0 - static_cast<double>(lsdv.dummy_rank);
    EXPECT_EQ(fit.stats["df_resid"].get<double>(), df);
    EXPECT_CLOSE("sigma2", fit.sigma2, lsdv.rss / df, kCoefRtol);
    EXPECT_CLOSE("r2", fit.stats["r2"].get<double>(), lsdv.r2, kCoefRtol);
    EXPECT_TRUE(fit.leverage.is_empty());
    EXPECT_FALSE(fit.has_intercept);
}

TEST(Within, EqualsTheDummyRegressionAndDropsTheAbsorbedRegressor) {
    check_against_dummy_regression(false, 11);
}

TEST(Within, WeightedEqualsTheWeightedDummyRegression) { check_against_dummy_regression(true, 12); }

TEST(Within, TheInterceptIsAbsorbed) {
    models::Design d = panel(false, 13);
    d.X.insert_cols(0, arma::vec(d.y.n_elem, arma::fill::ones));
    d.names.insert(d.names.begin(), "(Intercept)");
    d.has_intercept = true;
    const Estimate fit = within(d);
    EXPECT_EQ(fit.names, (std::vector<std::string>{"x1", "x2"}));
    EXPECT_EQ(fit.sample.dropped.collinear, std::vector<std::string>{"size"});
}

TEST(Within, NonConvergenceIsReported) {
    WithinOptions options;
    options.demean.max_iterations = 1;
    const Estimate fit = within(panel(false, 14), options);
    EXPECT_FALSE(fit.converged);
    EXPECT_NE(fit.convergence_message.find("did not converge"), std::string::npos)
        << fit.convergence_message;
    EXPECT_EQ(fit.stats["iterations"].get<int>(), 1);
    EXPECT_GT(fit.stats["demean_change"].get<double>(), options.demean.tolerance);
}

TEST(Within, WithoutFixedEffectsIsAnError) {
    models::Design d = panel(false, 15);
    d.sample.fixed_effects.clear();
    EXPECT_THROW(within(d), Error);
    WithinOptions options;
    options.collinearity_tolerance = 0;
    EXPECT_THROW(within(panel(false, 15), options), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
