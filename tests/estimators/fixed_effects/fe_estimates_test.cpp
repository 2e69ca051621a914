#include "estimators/fixed_effects/fe_estimates.hpp"

#include <gtest/gtest.h>

#include <armadillo>
#include <fstream>
#include <random>
#include <sstream>

#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;

// Firms 0-3 in years 0-2 and firms 4-6 in years 3-5: two connected components.
struct TwoComponents {
    std::vector<models::Grouping> effects;
    arma::vec y;
    arma::mat X;
};

TwoComponents two_components() {
    std::mt19937 rng(21);
    std::normal_distribution<double> normal;
    TwoComponents p;
    models::Grouping firm{"firm", {}, 7, {"a", "b", "c", "d", "e", "f", "g"}};
    models::Grouping year{"year", {}, 6, {}};
    std::vector<double> y, x;
    for (int f = 0; f < 7; ++f)
        for (int t = 0; t < 3; ++t) {
            firm.codes.push_back(f);
            year.codes.push_back(f < 4 ? t : 3 + t);
            x.push_back(normal(rng));
            y.push_back(0.5 * x.back() + f - 0.5 * t + normal(rng));
        }
    p.effects = {firm, year};
    p.y = arma::vec(y);
    p.X = arma::vec(x);
    return p;
}

TEST(FixedEffectEstimates, RebuildTheFixedEffectPartWithOneReferencePerComponent) {
    TwoComponents p = two_components();
    const arma::vec y = p.y;
    const arma::mat X = p.X;
    std::vector<double*> columns{p.y.memptr(), p.X.memptr()};
    EffectCoefficients coefficients;
    demean(columns, y.n_elem, p.effects, arma::vec(), {}, &coefficients);
    const arma::vec b = arma::solve(p.X, p.y);
    const FixedEffectEstimates fe = fixed_effect_estimates(p.effects, coefficients, b);
    ASSERT_EQ(fe.dimensions.size(), 2u);
    EXPECT_EQ(fe.dimensions[0].level_names[4], "e");
    EXPECT_EQ(fe.dimensions[1].level_names[4], "4");
    // The first year of each component is the reference.
    EXPECT_EQ(fe.dimensions[1].estimates(0), 0.0);
    EXPECT_EQ(fe.dimensions[1].estimates(3), 0.0);
    // y - X b = fixed effects + the residual of the demeaned regression.
    const arma::vec residual = p.y - p.X * b;
    for (arma::uword i = 0; i < y.n_elem; ++i) {
        const double effects = fe.dimensions[0].estimates(p.effects[0].codes[i]) +
                               fe.dimensions[1].estimates(p.effects[1].codes[i]);
        EXPECT_CLOSE("observation " + std::to_string(i), effects,
                     y(i) - X(i, 0) * b(0) - residual(i), kCoefRtol);
    }
}

TEST(FixedEffectEstimates, LevelsNotInTheSampleAreLeftOutOfTheCsv) {
    models::Grouping firm{"firm, name", {0, 0, 2, 2}, 3, {"x\"1", "x2", "x3"}};
    EffectCoefficients coefficients = {arma::mat{{1.0, 0.5}, {9.0, 9.0}, {3.0, 1.0}}};
    const FixedEffectEstimates fe = fixed_effect_estimates({firm}, coefficients, arma::vec{2.0});
    EXPECT_EQ(fe.dimensions[0].estimates(0), 0.0);
    EXPECT_TRUE(std::isnan(fe.dimensions[0].estimates(1)));
    EXPECT_EQ(fe.dimensions[0].estimates(2), 1.0);
    const std::string path = testing::temp_dir() + "/fe.csv";
    write_fixed_effects_csv(fe, path);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(),
              "dimension,level,estimate\n\"firm, name\",\"x\"\"1\",0\n\"firm, name\",x3,1\n");
}

}  // namespace
}  // namespace gvcpanel::estimators
