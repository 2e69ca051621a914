// First differences on a hand-made panel: a gap inside an entity gives no difference, the
// intercept column stays ones, rows keep the later observation's codes; no --panel is an error.
#include "estimators/panel/first_difference.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"

namespace gvcpanel::estimators {
namespace {

// Entity 0 in periods 0, 1, 3 (a gap at 2); entity 1 in periods 0, 1, 2. y = 2 x + t^2.
models::Design panel_with_gap() {
    models::Design d;
    d.formula = "y ~ x";
    d.outcome = "y";
    d.names = {"(Intercept)", "x"};
    const std::vector<std::int32_t> entity = {0, 0, 0, 1, 1, 1}, period = {0, 1, 3, 2, 0, 1};
    const arma::vec x = {1, 4, 2, 5, 3, 9};
    d.X = arma::join_rows(arma::vec(6, arma::fill::ones), x);
    d.y = 2 * x;
    for (std::size_t i = 0; i < 6; ++i) d.y(i) += period[i] * period[i];
    d.sample.entity = entity;
    d.sample.period = period;
    d.sample.rows = {10, 11, 12, 13, 14, 15};
    return d;
}

TEST(FirstDifferences, GapsGiveNoDifferenceAndRowsKeepTheLaterObservation) {
    const models::Design fd = first_differences(panel_with_gap());
    // Pairs: (0,p0)->(0,p1); (1,p0)->(1,p1); (1,p1)->(1,p2). Not (0,p1)->(0,p3).
    ASSERT_EQ(fd.nobs(), 3u);
    EXPECT_EQ(fd.sample.rows, (std::vector<std::size_t>{11, 15, 13}));
    EXPECT_EQ(fd.sample.period, (std::vector<std::int32_t>{1, 1, 2}));
    EXPECT_TRUE(arma::all(fd.X.col(0) == 1.0));
    EXPECT_TRUE(arma::approx_equal(fd.X.col(1), arma::vec{3, 6, -4}, "absdiff", 0.0));
    EXPECT_TRUE(arma::approx_equal(fd.y, arma::vec{7, 13, -5}, "absdiff", 0.0));
}

TEST(FirstDifferences, EstimateKeepsOriginalNames) {
    const Estimate fit = first_difference(panel_with_gap());
    EXPECT_EQ(fit.estimator, "fd");
    EXPECT_EQ(fit.names, (std::vector<std::string>{"(Intercept)", "x"}));
}

TEST(FirstDifferences, NeedsThePanelStructure) {
    auto d = panel_with_gap();
    d.sample.period.clear();
    EXPECT_THROW(first_difference(d), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
