// estimators::predict on hand-made fits: the rows of an estimate whose sample lost observations
// (separation) and whose design lost a column (collinearity); Tobit's censored mean against its
// closed form (left-censored at 0: Phi(xb/s) xb + s phi(xb/s)) and against the integral of the
// censored distribution; the estimators refused. The fits of real models are checked end to end in
// tests/cli/save_predictions_test.cpp.
#include "estimators/predict.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "data/error.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

// The same products and sums as the code, in another order.
constexpr double kSameProducts = 1e-14;
// Composite Simpson with 20000 intervals on a smooth integrand over +-10 sd: error far below 1e-10.
constexpr double kQuadrature = 1e-10;

models::Design design() {
    models::Design d;
    d.y = {1, 0, 2.5, 4, 0.5};
    d.X = arma::join_rows(arma::vec(5, arma::fill::ones), arma::vec{0.5, -1, 2, 3, 0}, arma::vec{1, 1, 1, 1, 1});
    d.names = {"(Intercept)", "x", "x_copy_of_intercept"};
    d.sample.rows = {0, 2, 3, 7, 9};
    return d;
}

TEST(Predict, RowsAndColumnsOfTheFitNotOfTheDesign) {
    Estimate fit;
    fit.estimator = "ols";
    fit.names = {"(Intercept)", "x"};  // the third column dropped as collinear
    fit.coef = {0.25, 1.5};
    fit.sample.rows = {0, 3, 9};        // rows 2 and 7 dropped after the design was built
    const auto p = predict(design(), fit, {});
    EXPECT_EQ(p.rows, (std::vector<std::size_t>{0, 3, 9}));
    const std::vector<double> x = {0.5, 2, 0}, y = {1, 2.5, 0.5};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_CLOSE("fitted", p.fitted[i], 0.25 + 1.5 * x[i], kSameProducts);
        EXPECT_CLOSE("residual", p.residual[i], y[i] - p.fitted[i], kSameProducts);
    }
    EXPECT_TRUE(p.fixed_effects.is_empty());
    EXPECT_TRUE(p.linear_index.is_empty());
    fit.sample.rows = {0, 4};
    EXPECT_THROW(predict(design(), fit, {}), Error) << "row 4 is not in the design";
}

double normal_density(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi); }
double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// E[y] for y = min(max(y*, left), right), y* ~ N(index, sigma^2), by Simpson's rule.
double integrated_mean(double index, double sigma, double left, double right) {
    const double low = std::max(left, index - 10 * sigma), high = std::min(right, index + 10 * sigma);
    const int n = 20000;
    const double h = (high - low) / n;
    double sum = 0;
    for (int i = 0; i <= n; ++i) {
        const double y = low + i * h;
        const double weight = i == 0 || i == n ? 1 : (i % 2 ? 4 : 2);
        sum += weight * y * normal_density((y - index) / sigma) / sigma;
    }
    double mean = sum * h / 3;
    if (std::isfinite(left)) mean += left * normal_cdf((left - index) / sigma);
    if (std::isfinite(right)) mean += right * (1 - normal_cdf((right - index) / sigma));
    return mean;
}

TEST(Predict, TobitFittedValueIsTheCensoredMean) {
    Estimate fit;
    fit.estimator = "tobit";
    fit.names = {"(Intercept)", "x"};
    fit.coef = {0.25, 1.5};
    fit.sample.rows = design().sample.rows;
    fit.ancillary = {{"sigma", 1.3, 0.1}};
    PredictionModel model;
    model.family = models::Family::tobit;
    model.left = 0;
    const auto left_only = predict(design(), fit, model);
    const std::vector<double> x = {0.5, -1, 2, 3, 0};
    for (std::size_t i = 0; i < 5; ++i) {
        const double index = 0.25 + 1.5 * x[i], z = index / 1.3;
        EXPECT_CLOSE("index", left_only.linear_index[i], index, kSameProducts);
        EXPECT_CLOSE("E[y], left 0", left_only.fitted[i], normal_cdf(z) * index + 1.3 * normal_density(z), kSameProducts);
        EXPECT_CLOSE("E[y] integrated", left_only.fitted[i], integrated_mean(index, 1.3, 0, INFINITY), kQuadrature);
    }
    model.right = 3;
    const auto both = predict(design(), fit, model);
    for (std::size_t i = 0; i < 5; ++i)
        EXPECT_CLOSE("E[y], [0, 3]", both.fitted[i], integrated_mean(0.25 + 1.5 * x[i], 1.3, 0, 3), kQuadrature);
}

TEST(Predict, RefusedWhereThereIsNoFittedLevel) {
    for (const char* name : {"fd", "diff-gmm", "sys-gmm", "clogit", "nls", "ologit", "oprobit", "cs", "threshold"})
        EXPECT_THROW(require_predictions(name), Error) << name;
    for (const char* name : {"ols", "2sls", "liml", "gmm", "re", "be", "logit", "probit", "poisson", "negbin", "tobit",
                             "fraclogit", "fracprobit"})
        EXPECT_NO_THROW(require_predictions(name)) << name;
}

}  // namespace
}  // namespace gvcpanel::estimators
