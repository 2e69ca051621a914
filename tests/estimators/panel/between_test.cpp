// The between estimator on a hand-made unbalanced panel: OLS on the entity means, one observation
// per entity (an exact fit when the means lie on a line); no --panel is an Error.
#include "estimators/panel/between.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

// Entity means: x = 1, 2, 4 and y = 1 + 3 x exactly; observations scatter around them.
models::Design unbalanced() {
    models::Design d;
    d.formula = "y ~ x";
    d.outcome = "y";
    d.names = {"(Intercept)", "x"};
    const arma::vec x = {0, 2, 2, 1, 3, 4}, y = {3, 5, 1, 13, 7, 13};
    d.X = arma::join_rows(arma::vec(6, arma::fill::ones), x);
    d.y = y;
    d.sample.entity = {5, 5, 7, 7, 7, 9};
    d.sample.period = {0, 1, 0, 1, 2, 0};
    d.sample.rows = {0, 1, 2, 3, 4, 5};
    return d;
}

TEST(Between, OneObservationPerEntityOnTheirMeans) {
    const Estimate fit = between(unbalanced());
    EXPECT_EQ(fit.estimator, "be");
    EXPECT_EQ(fit.nobs, 3u);
    EXPECT_EQ(fit.sample.rows, (std::vector<std::size_t>{0, 2, 5}));
    EXPECT_CLOSE("intercept", fit.coef(0), 1.0, testing::kCoefRtol);
    EXPECT_CLOSE("slope", fit.coef(1), 3.0, testing::kCoefRtol);
}

TEST(Between, NeedsThePanelStructure) {
    auto d = unbalanced();
    d.sample.entity.clear();
    EXPECT_THROW(between(d), Error);
    auto weighted = unbalanced();
    weighted.weights = arma::vec(6, arma::fill::ones);
    EXPECT_THROW(between(weighted), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
