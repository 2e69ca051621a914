// The imputation estimator (estimators/did/imputation.cpp) on panels generated here: without noise
// it recovers every horizon's effect exactly and its pre-trend leads are zero; the weights behind
// its standard errors equal -Z0 (Z0'Z0)^+ Z1' a computed with dense dummies (with weights:
// -Z0 (Z0'W0 Z0)^+ Z1'W1 a), integer weights give the estimates of repeated observations, and its
// conservative variance equals BJS's formula evaluated directly.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "data/random.hpp"
#include "estimators/did/imputation.hpp"
#include "estimators/did/imputation_weights.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators::did {
namespace {

// The within fit's demeaning stops at 1e-10; imputed effects carry that error.
constexpr double kImputedTol = 1e-8;

struct Panel {
    models::Design design;
    std::vector<double> cohort, time;
};

models::Grouping grouping(const std::string& name, const std::vector<std::int32_t>& codes) {
    models::Grouping g;
    g.name = name;
    g.codes = codes;
    g.levels = *std::max_element(codes.begin(), codes.end()) + 1;
    return g;
}

double effect(double g, double t) { return g > 0 && t >= g ? 1.0 + 0.5 * (t - g) + 0.1 * (g - 2000) : 0.0; }

// Units with cohorts 0, 2003, 2005 in turn, periods 2001-2007 (some observations removed when
// `unbalanced`); y = unit + period effects (+ x) + effect (+ noise).
Panel generate(std::size_t units, double noise, bool covariate, bool unbalanced, std::uint64_t seed = 1) {
    data::Random random(seed);
    Panel p;
    std::vector<double> y, x;
    std::vector<std::int32_t> unit, period;
    const double cohorts[] = {0, 2003, 2005};
    for (std::size_t u = 0; u < units; ++u) {
        const double g = cohorts[u % 3], a = random.normal();
        for (int t = 2001; t <= 2007; ++t) {
            if (unbalanced && random.bernoulli(0.1) && t != 2001) continue;
            const double xi = random.normal();
            y.push_back(a + 0.3 * (t - 2000) + (covariate ? 0.7 * xi : 0) + effect(g, t) + noise * random.normal());
            x.push_back(xi);
            unit.push_back(std::int32_t(u));
            period.push_back(t - 2001);
            p.cohort.push_back(g);
            p.time.push_back(t);
        }
    }
    p.design.y = arma::vec(y);
    p.design.X = covariate ? arma::mat(arma::vec(x)) : arma::mat(y.size(), 0);
    if (covariate) p.design.names = {"x"};
    p.design.has_intercept = false;
    p.design.sample.fixed_effects = {grouping("id", unit), grouping("year", period)};
    p.design.sample.entity = unit;
    for (std::size_t i = 0; i < y.size(); ++i) p.design.sample.rows.push_back(i);
    return p;
}

ImputationOptions options(bool horizons = false) {
    ImputationOptions o;
    o.unit_name = "id";
    if (horizons) {
        o.horizons_given = true;
        o.first_horizon = -2;
        o.last_horizon = 4;
    }
    return o;
}

TEST(DidImputation, WithoutNoiseEveryHorizonIsItsTrueEffect) {
    for (bool covariate : {false, true})
        for (bool unbalanced : {false, true}) {
            const Panel p = generate(60, 0, covariate, unbalanced);
            const Result r = did_imputation(p.design, p.cohort, p.time, options(true));
            std::map<double, std::pair<double, double>> truth;  // horizon -> (sum, count)
            for (std::size_t i = 0; i < p.cohort.size(); ++i)
                if (p.cohort[i] > 0 && p.time[i] >= p.cohort[i]) {
                    truth[p.time[i] - p.cohort[i]].first += effect(p.cohort[i], p.time[i]);
                    truth[p.time[i] - p.cohort[i]].second += 1;
                }
            for (int h = 0; h <= 4; ++h)
                EXPECT_NEAR(r.coefficient("event::" + std::to_string(h)).estimate,
                            truth[h].first / truth[h].second, kImputedTol)
                    << "covariate " << covariate << " unbalanced " << unbalanced;
            for (int h = 1; h <= 2; ++h)
                EXPECT_NEAR(r.coefficient("event::-" + std::to_string(h)).estimate, 0.0, kImputedTol);
            EXPECT_EQ(r.coef.front().name, "ATT");
        }
}

// Z (n x columns): the dummies of both fixed effects and the covariates.
arma::mat dense_regressors(const Panel& p) {
    const auto& fe = p.design.sample.fixed_effects;
    const std::size_t n = p.design.nobs();
    arma::mat Z(n, std::size_t(fe[0].levels + fe[1].levels), arma::fill::zeros);
    for (std::size_t i = 0; i < n; ++i) {
        Z(i, std::size_t(fe[0].codes[i])) = 1;
        Z(i, std::size_t(fe[0].levels + fe[1].codes[i])) = 1;
    }
    return arma::join_rows(Z, p.design.X);
}

TEST(ImputationWeights, EqualTheDenseProjection) {
    const Panel p = generate(30, 1, true, true, 3);
    const std::size_t n = p.design.nobs();
    std::vector<char> untreated(n);
    arma::vec a(n, arma::fill::zeros);
    std::size_t treated = 0;
    for (std::size_t i = 0; i < n; ++i) {
        untreated[i] = !(p.cohort[i] > 0 && p.time[i] >= p.cohort[i]);
        treated += !untreated[i];
    }
    for (std::size_t i = 0; i < n; ++i) a[i] = untreated[i] ? 0 : 1.0 / double(treated);
    const arma::mat v = imputation_weights(p.design.sample.fixed_effects, p.design.X, arma::vec(), untreated, a);
    const arma::mat Z = dense_regressors(p);
    std::vector<arma::uword> zero, one;
    for (std::size_t i = 0; i < n; ++i) (untreated[i] ? zero : one).push_back(i);
    const arma::mat Z0 = Z.rows(arma::uvec(zero)), Z1 = Z.rows(arma::uvec(one));
    const arma::vec expected = -Z0 * arma::pinv(Z0.t() * Z0) * Z1.t() * a.elem(arma::uvec(one));
    EXPECT_LT(arma::abs(v.elem(arma::uvec(zero)) - expected).max(), 1e-10);
    EXPECT_LT(arma::abs(Z.t() * v).max(), 1e-10) << "sum_all v z = 0 for every regressor";
}

TEST(ImputationWeights, WithWeightsEqualTheDenseWeightedProjection) {
    const Panel p = generate(30, 1, true, true, 11);
    const std::size_t n = p.design.nobs();
    arma::vec w(n);
    for (std::size_t i = 0; i < n; ++i) w[i] = 1.0 + double(p.design.sample.entity[i] % 3);
    std::vector<char> untreated(n);
    double treated_weight = 0;
    for (std::size_t i = 0; i < n; ++i) {
        untreated[i] = !(p.cohort[i] > 0 && p.time[i] >= p.cohort[i]);
        if (!untreated[i]) treated_weight += w[i];
    }
    arma::vec a(n, arma::fill::zeros);
    for (std::size_t i = 0; i < n; ++i) a[i] = untreated[i] ? 0 : 1.0 / treated_weight;
    const arma::mat v = imputation_weights(p.design.sample.fixed_effects, p.design.X, w, untreated, a);
    // The estimate is sum_i w_i v_i y_i: v_0 = -Z0 (Z0' W0 Z0)^+ Z1' W1 a.
    const arma::mat Z = dense_regressors(p);
    std::vector<arma::uword> zero, one;
    for (std::size_t i = 0; i < n; ++i) (untreated[i] ? zero : one).push_back(i);
    const arma::uvec z0(zero), z1(one);
    const arma::mat Z0 = Z.rows(z0), Z1 = Z.rows(z1);
    const arma::vec expected =
        -Z0 * arma::pinv(Z0.t() * arma::diagmat(w.elem(z0)) * Z0) * Z1.t() * (w.elem(z1) % a.elem(z1));
    EXPECT_LT(arma::abs(v.elem(z0) - expected).max(), 1e-10);
    EXPECT_LT(arma::abs(Z.t() * (w % v)).max(), 1e-10) << "sum_all w v z = 0 for every regressor";
}

// A weight of 2 on a unit's observations gives the estimates of those observations entered twice.
TEST(DidImputation, IntegerWeightsEqualRepeatedObservations) {
    const Panel p = generate(45, 1, true, false, 13);
    Panel weighted = p, repeated = p;
    const std::size_t n = p.design.nobs();
    weighted.design.weights.ones(n);
    std::vector<arma::uword> rows;
    for (std::size_t i = 0; i < n; ++i) {
        rows.push_back(i);
        if (p.design.sample.entity[i] % 4 == 0) {
            weighted.design.weights[i] = 2;
            rows.push_back(i);
        }
    }
    const arma::uvec index(rows);
    repeated.design.y = p.design.y.elem(index);
    repeated.design.X = p.design.X.rows(index);
    repeated.cohort.clear();
    repeated.time.clear();
    repeated.design.sample = {};
    auto& effects = repeated.design.sample.fixed_effects;
    effects = p.design.sample.fixed_effects;
    for (auto& effect : effects) effect.codes.clear();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::size_t i = rows[r];
        repeated.cohort.push_back(p.cohort[i]);
        repeated.time.push_back(p.time[i]);
        for (std::size_t d = 0; d < effects.size(); ++d)
            effects[d].codes.push_back(p.design.sample.fixed_effects[d].codes[i]);
        repeated.design.sample.entity.push_back(p.design.sample.entity[i]);
        repeated.design.sample.rows.push_back(r);
    }
    const Result a = did_imputation(weighted.design, weighted.cohort, weighted.time, options(true));
    const Result b = did_imputation(repeated.design, repeated.cohort, repeated.time, options(true));
    ASSERT_EQ(a.coef.size(), b.coef.size());
    for (std::size_t j = 0; j < a.coef.size(); ++j) {
        EXPECT_EQ(a.coef[j].name, b.coef[j].name);
        EXPECT_NEAR(a.coef[j].estimate, b.coef[j].estimate, kImputedTol) << a.coef[j].name;
    }
}

TEST(DidImputation, ConservativeVarianceIsBjsFormula) {
    const Panel p = generate(45, 1, false, false, 5);
    const Result r = did_imputation(p.design, p.cohort, p.time, options());
    // Direct: v from the dense projection, residuals of the untreated fit (dense least squares),
    // tau - (cohort x period mean with weights v^2) for the treated, summed by unit.
    const std::size_t n = p.design.nobs();
    const arma::mat Z = dense_regressors(p);
    std::vector<arma::uword> zero, one;
    for (std::size_t i = 0; i < n; ++i) (p.cohort[i] > 0 && p.time[i] >= p.cohort[i] ? one : zero).push_back(i);
    const arma::mat Z0 = Z.rows(arma::uvec(zero));
    const arma::vec beta = arma::pinv(Z0) * p.design.y.elem(arma::uvec(zero));
    const arma::vec tau = p.design.y - Z * beta;
    arma::vec v(n, arma::fill::zeros);
    for (auto i : one) v[i] = 1.0 / double(one.size());
    const arma::vec v0 = -Z0 * arma::pinv(Z0.t() * Z0) * Z.rows(arma::uvec(one)).t() * v.elem(arma::uvec(one));
    for (std::size_t k = 0; k < zero.size(); ++k) v[zero[k]] = v0[k];
    arma::vec residual = tau;  // untreated: the fit's residuals
    std::map<std::pair<double, double>, std::pair<double, double>> cell;
    for (auto i : one) {
        cell[{p.cohort[i], p.time[i]}].first += v[i] * v[i] * tau[i];
        cell[{p.cohort[i], p.time[i]}].second += v[i] * v[i];
    }
    for (auto i : one) residual[i] = tau[i] - cell[{p.cohort[i], p.time[i]}].first / cell[{p.cohort[i], p.time[i]}].second;
    std::map<std::int32_t, double> by_unit;
    for (std::size_t i = 0; i < n; ++i) by_unit[p.design.sample.entity[i]] += v[i] * residual[i];
    double variance = 0;
    for (const auto& [unit, sum] : by_unit) variance += sum * sum;
    EXPECT_CLOSE("ATT", r.coefficient("ATT").estimate, arma::mean(tau.elem(arma::uvec(one))), 1e-9);
    EXPECT_CLOSE("ATT se", r.coefficient("ATT").se, std::sqrt(variance), 1e-7);
}

TEST(DidImputation, PreTrendTestRejectsAnticipation) {
    Panel p = generate(150, 0.5, false, false, 7);
    const Result clean = did_imputation(p.design, p.cohort, p.time, options());
    ASSERT_NE(clean.test("pretrend"), nullptr);
    EXPECT_GT(clean.test("pretrend")->p, 0.001);
    for (std::size_t i = 0; i < p.cohort.size(); ++i)
        if (p.cohort[i] > 0 && p.time[i] == p.cohort[i] - 1) p.design.y[i] += 1;
    EXPECT_LT(did_imputation(p.design, p.cohort, p.time, options()).test("pretrend")->p, 1e-6);
}

}  // namespace
}  // namespace gvcpanel::estimators::did
