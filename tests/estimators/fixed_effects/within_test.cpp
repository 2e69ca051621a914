#include "estimators/fixed_effects/within.hpp"

#include <gtest/gtest.h>

#include <armadillo>
#include <random>

#include "data/error.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;
using testing::kSeRtol;

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

// The dummies of every dimension and, for varying slopes, their products with the slope
// variables (fixest's firm[t] written out as i(firm) + i(firm):t; firm[[t]] as i(firm):t).
arma::mat dummies(const models::Design& d) {
    const std::size_t n = d.y.n_elem;
    std::vector<arma::vec> columns;
    for (const auto& g : d.sample.fixed_effects) {
        const bool intercept = !g.has_slopes() || g.slopes.with_intercept;
        for (std::int32_t l = 0; l < g.levels; ++l) {
            arma::vec level(n, arma::fill::zeros);
            for (std::size_t i = 0; i < n; ++i) level(i) = g.codes[i] == l ? 1.0 : 0.0;
            if (intercept) columns.push_back(level);
            for (arma::uword v = 0; v < g.slopes.values.n_cols; ++v)
                columns.push_back(level % g.slopes.values.col(v));
        }
    }
    arma::mat D(n, columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) D.col(c) = columns[c];
    return D;
}

Lsdv dummy_regression(const models::Design& d, arma::uword k) {
    const std::size_t n = d.y.n_elem;
    const arma::mat D = dummies(d);
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

// The panel (without size) with firm-specific trends in y, and firm[year] absorbed, or
// firm[[year]] + year.
models::Design panel_with_trends(bool weighted, bool firm_intercept, unsigned seed) {
    models::Design d = panel(weighted, seed);
    d.X.shed_col(2);  // size: constant within firm, not absorbed by firm[[year]]
    d.names.pop_back();
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal;
    std::vector<double> trend(25);
    for (auto& b : trend) b = 0.5 * normal(rng);
    models::Grouping& firm = d.sample.fixed_effects[0];
    const models::Grouping& year = d.sample.fixed_effects[1];
    firm.slopes.variables = {"year"};
    firm.slopes.with_intercept = firm_intercept;
    firm.slopes.values.set_size(d.y.n_elem, 1);
    for (std::size_t i = 0; i < d.y.n_elem; ++i) {
        firm.slopes.values(i, 0) = 2001.0 + year.codes[i];
        d.y(i) += trend[firm.codes[i]] * year.codes[i];
    }
    firm.name = firm_intercept ? "firm[year]" : "firm[[year]]";
    if (firm_intercept) d.sample.fixed_effects.pop_back();
    d.sample.clusters = {d.sample.fixed_effects[0]};
    d.sample.clusters[0].slopes = {};
    d.sample.clusters[0].name = "firm";
    return d;
}

// Slope block of the dummy-variable regression's covariance: iid with s^2 = RSS / (N - rank),
// and clustered by firm with G/(G-1) (N-1)/(N-rank), rank counting the slopes and the dummies
// (fixef=full: as areg and lm with dummies); estimable, so any generalised inverse gives it.
arma::mat dummy_covariance(const models::Design& d, arma::uword k, bool cluster) {
    const std::size_t n = d.y.n_elem;
    const arma::mat Z = arma::join_rows(d.X.cols(0, k - 1), dummies(d));
    const arma::vec w = d.weights.is_empty() ? arma::vec(n, arma::fill::ones) : d.weights;
    const arma::mat ZW = Z.each_col() % w;
    const arma::mat bread = arma::pinv(ZW.t() * Z);
    const arma::vec e = d.y - Z * (bread * (ZW.t() * d.y));
    const double rank = static_cast<double>(arma::rank(Z));
    if (!cluster) return arma::dot(w % e, e) / (static_cast<double>(n) - rank) * bread.submat(0, 0, k - 1, k - 1);
    const models::Grouping& g = d.sample.clusters[0];
    arma::mat sums(g.levels, Z.n_cols, arma::fill::zeros);
    for (std::size_t i = 0; i < n; ++i) sums.row(g.codes[i]) += ZW.row(i) * e(i);
    const double G = g.levels;
    const double c = G / (G - 1.0) * (static_cast<double>(n) - 1.0) / (static_cast<double>(n) - rank);
    const arma::mat full = c * bread * (sums.t() * sums) * bread;
    return full.submat(0, 0, k - 1, k - 1);
}

void check_slopes_against_dummy_regression(bool weighted, bool firm_intercept, unsigned seed) {
    const models::Design d = panel_with_trends(weighted, firm_intercept, seed);
    const Lsdv lsdv = dummy_regression(d, 2);
    const Estimate fit = within(d);
    EXPECT_TRUE(fit.converged) << fit.convergence_message;
    ASSERT_EQ(fit.names, (std::vector<std::string>{"x1", "x2"}));
    EXPECT_EQ(fit.df_fe, lsdv.dummy_rank);
    EXPECT_CLOSE("x1", fit.coef(0), lsdv.slopes(0), kCoefRtol);
    EXPECT_CLOSE("x2", fit.coef(1), lsdv.slopes(1), kCoefRtol);
    for (const bool cluster : {false, true}) {
        InferenceOptions options;
        options.vcov = inference::parse_vcov(cluster ? "cluster:firm" : "iid");
        options.ssc = inference::parse_ssc("areg");
        const Result result = infer(fit, options);
        const arma::mat V = dummy_covariance(d, 2, cluster);
        for (arma::uword j = 0; j < 2; ++j)
            EXPECT_CLOSE(std::string(cluster ? "cluster" : "iid") + " se " + fit.names[j],
                         result.coefficient(fit.names[j]).se, std::sqrt(V(j, j)), kSeRtol);
    }
}

TEST(Within, FirmTrendsEqualTheDummyRegressionWithInteractions) {
    check_slopes_against_dummy_regression(false, true, 21);
}

TEST(Within, WeightedFirmTrendsEqualTheWeightedDummyRegression) {
    check_slopes_against_dummy_regression(true, true, 22);
}

TEST(Within, SlopesOnlyBesideYearEffectsEqualTheDummyRegression) {
    // firm[[year]] + year: the firm trends sum to a linear function of the year, which the year
    // effects span, so the rank of the dummies is one below the count (as fixest, we count it).
    const models::Design d = panel_with_trends(false, false, 23);
    const Lsdv lsdv = dummy_regression(d, 2);
    const Estimate fit = within(d);
    EXPECT_TRUE(fit.converged) << fit.convergence_message;
    EXPECT_EQ(fit.df_fe, lsdv.dummy_rank + 1);
    EXPECT_CLOSE("x1", fit.coef(0), lsdv.slopes(0), kCoefRtol);
    EXPECT_CLOSE("x2", fit.coef(1), lsdv.slopes(1), kCoefRtol);
}

TEST(Within, SaveFeIsRefusedWithSlopes) {
    FixedEffectEstimates effects;
    EXPECT_THROW(within(panel_with_trends(false, true, 24), {}, effects), Error);
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
