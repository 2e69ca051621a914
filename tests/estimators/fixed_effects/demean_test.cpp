#include "estimators/fixed_effects/demean.hpp"

#include <gtest/gtest.h>

#include <armadillo>
#include <random>

#include "data/error.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;

// Demeaned columns against the exact projection residual, relative to the column's norm: the
// default tolerance stops the iteration when coefficients move by less than 1e-10, so the residual
// is exact to about that; one dimension is exact up to rounding.
constexpr double kResidualRtol = 1e-9;

models::Grouping grouping(std::string name, std::vector<std::int32_t> codes) {
    models::Grouping g;
    g.name = std::move(name);
    g.levels = *std::max_element(codes.begin(), codes.end()) + 1;
    g.codes = std::move(codes);
    return g;
}

std::vector<std::int32_t> random_codes(std::size_t n, int levels, std::mt19937& rng) {
    std::uniform_int_distribution<int> pick(0, levels - 1);
    std::vector<std::int32_t> codes(n);
    for (std::size_t i = 0; i < n; ++i) codes[i] = i < static_cast<std::size_t>(levels)
                                                       ? static_cast<std::int32_t>(i)
                                                       : pick(rng);
    return codes;
}

// The dense dummy matrix of all dimensions (every level, no reference dropped), with the
// interactions of the level dummies and the varying slopes (i(fe) and i(fe):x).
arma::mat dummies(const std::vector<models::Grouping>& effects, std::size_t n) {
    std::size_t total = 0;
    for (const auto& g : effects)
        total += g.levels * (g.slopes.variables.size() + (g.has_slopes() && !g.slopes.with_intercept ? 0 : 1));
    arma::mat D(n, total, arma::fill::zeros);
    std::size_t offset = 0;
    for (const auto& g : effects) {
        if (!g.has_slopes() || g.slopes.with_intercept) {
            for (std::size_t i = 0; i < n; ++i) D(i, offset + g.codes[i]) = 1.0;
            offset += g.levels;
        }
        for (arma::uword v = 0; v < g.slopes.values.n_cols; ++v) {
            for (std::size_t i = 0; i < n; ++i) D(i, offset + g.codes[i]) = g.slopes.values(i, v);
            offset += g.levels;
        }
    }
    return D;
}

// Weighted least squares of y on Z by the pseudo-inverse (the dummies are rank deficient) of
// sqrt(w) Z, not of the Gram, which would square the condition number of slopes on a year.
arma::vec wls(const arma::mat& Z, const arma::vec& y, const arma::vec& w) {
    const arma::vec root = arma::sqrt(w);
    return arma::pinv(Z.each_col() % root) * (y % root);
}

struct Problem {
    arma::vec y;
    arma::mat X;
    arma::vec weights;
    std::vector<models::Grouping> effects;
};

Problem make_problem(std::size_t n, const std::vector<int>& levels, bool weighted,
                     unsigned seed) {
    std::mt19937 rng(seed);
    Problem p;
    for (std::size_t q = 0; q < levels.size(); ++q)
        p.effects.push_back(grouping("fe" + std::to_string(q), random_codes(n, levels[q], rng)));
    std::normal_distribution<double> normal;
    p.X.set_size(n, 2);
    p.y.set_size(n);
    for (std::size_t i = 0; i < n; ++i) {
        double effect = 0;
        for (const auto& g : p.effects) effect += 0.7 * g.codes[i] - 1.0;
        p.X(i, 0) = 0.5 * effect + normal(rng);
        p.X(i, 1) = 100.0 + 10.0 * normal(rng);
        p.y(i) = 1.5 * p.X(i, 0) - 0.25 * p.X(i, 1) + effect + normal(rng);
    }
    if (weighted) {
        std::uniform_real_distribution<double> uniform(0.5, 2.0);
        p.weights.set_size(n);
        for (auto& w : p.weights) w = uniform(rng);
    }
    return p;
}

// Gives dimension q slopes on `count` variables: a year-like trend (badly scaled on purpose, as
// a calendar year is) and, for the second, a normal draw. Without the level's intercept the first
// is a normal draw too: slopes on a year without intercepts are nearly collinear with any other
// dimension's intercepts, and alternating projections crawl (fixest warns of the same).
void add_slopes(Problem& p, std::size_t q, std::size_t count, bool intercept, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> year(2000, 2009);
    std::normal_distribution<double> normal;
    models::Grouping& g = p.effects[q];
    g.slopes.with_intercept = intercept;
    g.slopes.values.set_size(p.y.n_elem, count);
    for (std::size_t v = 0; v < count; ++v) {
        g.slopes.variables.push_back("x" + std::to_string(v));
        for (arma::uword i = 0; i < p.y.n_elem; ++i) {
            g.slopes.values(i, v) = v == 0 && intercept ? year(rng) : normal(rng);
            p.y(i) += 0.1 * g.codes[i] * g.slopes.values(i, v);  // slopes that differ by level
        }
    }
}

// Demeans y and X and checks them, and the slopes, against the dummy-variable regression.
DemeanSummary check_against_dummies(Problem p, const DemeanOptions& options = {}) {
    const std::size_t n = p.y.n_elem;
    const arma::vec w = p.weights.is_empty() ? arma::vec(n, arma::fill::ones) : p.weights;
    const arma::mat D = dummies(p.effects, n);
    const arma::vec lsdv = wls(arma::join_rows(p.X, D), p.y, w);

    arma::mat exact(n, 3);
    exact.col(0) = p.y - D * wls(D, p.y, w);
    for (arma::uword j = 0; j < 2; ++j) exact.col(j + 1) = p.X.col(j) - D * wls(D, p.X.col(j), w);

    arma::mat columns = arma::join_rows(p.y, p.X);
    const DemeanSummary summary = demean(columns, p.effects, p.weights, options);
    EXPECT_TRUE(summary.converged) << summary.message;
    for (arma::uword j = 0; j < 3; ++j)
        EXPECT_LE(arma::norm(columns.col(j) - exact.col(j)),
                  kResidualRtol * arma::norm(arma::join_cols(p.y, p.X.col(0), p.X.col(1))))
            << "column " << j;

    const arma::vec beta = wls(columns.cols(1, 2), columns.col(0), w);
    EXPECT_CLOSE("slope x1", beta(0), lsdv(0), kCoefRtol);
    EXPECT_CLOSE("slope x2", beta(1), lsdv(1), kCoefRtol);
    return summary;
}

TEST(Demean, OneDimensionIsExactGroupMeans) {
    const DemeanSummary s = check_against_dummies(make_problem(80, {9}, false, 1));
    EXPECT_EQ(s.iterations, 0u);
}

TEST(Demean, OneDimensionWeighted) {
    const DemeanSummary s = check_against_dummies(make_problem(80, {9}, true, 2));
    EXPECT_EQ(s.iterations, 0u);
}

TEST(Demean, TwoDimensionsEqualTheDummyRegression) {
    const DemeanSummary s = check_against_dummies(make_problem(120, {15, 6}, false, 3));
    EXPECT_GT(s.iterations, 0u);
    EXPECT_LE(s.final_change, DemeanOptions{}.tolerance);
}

TEST(Demean, TwoDimensionsWeighted) {
    check_against_dummies(make_problem(120, {15, 6}, true, 4));
}

TEST(Demean, ThreeDimensionsWeighted) {
    const DemeanSummary s = check_against_dummies(make_problem(150, {12, 7, 5}, true, 5));
    EXPECT_GT(s.iterations, 0u);
}

TEST(Demean, OneDimensionWithASlopeIsExact) {
    Problem p = make_problem(90, {9}, true, 11);
    add_slopes(p, 0, 1, true, 12);
    EXPECT_EQ(check_against_dummies(p).iterations, 0u);
}

TEST(Demean, SlopesOnlyBesideAPlainDimension) {
    Problem p = make_problem(160, {15, 6}, false, 13);
    add_slopes(p, 0, 1, false, 14);
    check_against_dummies(p);
}

TEST(Demean, TwoSlopesBesideTwoDimensionsWeighted) {
    Problem p = make_problem(240, {12, 7, 5}, true, 15);
    add_slopes(p, 1, 2, true, 16);
    EXPECT_GT(check_against_dummies(p).iterations, 0u);
}

TEST(Demean, SlopesOnTheLargestAndASmallerDimension) {
    Problem p = make_problem(240, {20, 6}, true, 17);
    add_slopes(p, 0, 1, true, 18);
    add_slopes(p, 1, 1, false, 19);
    check_against_dummies(p);
}

TEST(Demean, SingularLevelsAreProjectedOnWhatTheyIdentify) {
    // Level 0 has a constant slope variable, level 1 two collinear slopes, level 2 one observation:
    // the projection is on the span, whatever the generalised inverse.
    Problem p = make_problem(120, {8, 5}, true, 20);
    add_slopes(p, 0, 2, true, 21);
    arma::mat& x = p.effects[0].slopes.values;
    for (arma::uword i = 0; i < x.n_rows; ++i) {
        if (p.effects[0].codes[i] == 0) x(i, 0) = 2004;
        if (p.effects[0].codes[i] == 1) x(i, 1) = 3.0 * x(i, 0) - 6000.0;
        if (p.effects[0].codes[i] == 2 && i != 2) p.effects[0].codes[i] = 3;
    }
    check_against_dummies(p);
}

TEST(Demean, CoefficientsAreNotGivenWithSlopes) {
    Problem p = make_problem(60, {6, 3}, false, 22);
    add_slopes(p, 0, 1, true, 23);
    arma::mat columns = arma::join_rows(p.y, p.X);
    EffectCoefficients coefficients;
    EXPECT_THROW(demean(columns, p.effects, p.weights, {}, &coefficients), Error);
}

TEST(Demean, OneThreadAndTwoThreadsAgree) {
    Problem p = make_problem(200, {20, 8}, true, 6);
    arma::mat a = arma::join_rows(p.y, p.X), b = a;
    demean(a, p.effects, p.weights, {.threads = 1});
    demean(b, p.effects, p.weights, {.threads = 2});
    EXPECT_LE(arma::abs(a - b).max(), 1e-12 * arma::abs(a).max());
}

TEST(Demean, DisconnectedTwoWayGraph) {
    // Firms 0-2 are seen only in years 0-1 and firms 3-5 only in years 2-3: two components.
    Problem p = make_problem(48, {6, 4}, true, 7);
    for (std::size_t i = 0; i < 48; ++i) {
        const std::int32_t firm = static_cast<std::int32_t>(i % 6);
        p.effects[0].codes[i] = firm;
        p.effects[1].codes[i] = static_cast<std::int32_t>((firm < 3 ? 0 : 2) + (i / 6) % 2);
    }
    check_against_dummies(p);
}

TEST(Demean, CoefficientsRebuildTheRemovedPart) {
    Problem p = make_problem(100, {10, 5, 3}, false, 8);
    arma::mat columns = arma::join_rows(p.y, p.X);
    const arma::mat original = columns;
    EffectCoefficients coefficients;
    demean(columns, p.effects, p.weights, {}, &coefficients);
    ASSERT_EQ(coefficients.size(), 3u);
    arma::mat removed(arma::size(columns), arma::fill::zeros);
    for (std::size_t q = 0; q < 3; ++q) {
        ASSERT_EQ(coefficients[q].n_rows, static_cast<arma::uword>(p.effects[q].levels));
        for (arma::uword i = 0; i < removed.n_rows; ++i)
            removed.row(i) += coefficients[q].row(p.effects[q].codes[i]);
    }
    EXPECT_LE(arma::abs(original - columns - removed).max(), 1e-10 * arma::abs(original).max());
}

TEST(Demean, NonConvergenceIsReported) {
    Problem p = make_problem(120, {15, 6}, false, 9);
    arma::mat columns = arma::join_rows(p.y, p.X);
    const DemeanSummary s = demean(columns, p.effects, p.weights, {.max_iterations = 1});
    EXPECT_FALSE(s.converged);
    EXPECT_EQ(s.iterations, 1u);
    EXPECT_GT(s.final_change, DemeanOptions{}.tolerance);
    EXPECT_NE(s.message.find("did not converge"), std::string::npos) << s.message;
}

TEST(Demean, RejectsBadInput) {
    Problem p = make_problem(30, {5, 3}, false, 10);
    arma::mat columns = arma::join_rows(p.y, p.X);
    EXPECT_THROW(demean(columns, {}, p.weights), Error);
    EXPECT_THROW(demean(columns, p.effects, arma::vec(29, arma::fill::ones)), Error);
    EXPECT_THROW(demean(columns, p.effects, p.weights, {.tolerance = 0}), Error);
    auto bad = p.effects;
    bad[1].codes[4] = 3;
    EXPECT_THROW(demean(columns, bad, p.weights), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
