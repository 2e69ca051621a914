// Maximum likelihood: cross-checks that need no outside tool (Gaussian MLE = OLS, Poisson MLE =
// its IRLS solution), the families without a case in ../shared/data against R values computed
// from Debian's R packages (tests/fixtures/mle/reference_values.R, output reference_values.json),
// separation on hand-built data with known drop counts, and recorded non-convergence.
#include "estimators/likelihood/mle.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// Two exact algorithms for the same optimum (Newton vs least squares or IRLS) agree to rounding.
constexpr double kSameOptimumRtol = 1e-9;
// R's glm/glm.nb run to epsilon 1e-14 and print 15 digits: 1e-7 (coefficients) and 1e-6 (standard
// errors), as the issue asks of the reference comparisons.
constexpr double kRCoefRtol = 1e-7;
constexpr double kRSeRtol = 1e-6;
// optimHess for the joint negbin information is a finite-difference Hessian: 1e-4 on SEs.
constexpr double kNumericHessianRtol = 1e-4;
// MASS::polr maximises with BFGS and takes optim's finite-difference Hessian with a fixed step
// (1e-3), large for the coefficient of costs (a regressor in the hundreds): its coefficients are
// checked to 1e-3 of their standard error, SEs to 1e-2 (measured: 3.1 and 2.9 digits for costs),
// and our log-likelihood must be at least polr's (the maximum is ours to find, not to copy).
constexpr double kPolrCoefSeFraction = 1e-3;
constexpr double kPolrSeRtol = 1e-2;

nlohmann::json r_values() { return testing::read_json(fixture("mle/reference_values.json")); }

models::Design design(const std::string& formula, const data::Frame& frame) {
    return models::build_design(models::parse_model(formula), frame);
}

data::Frame synthetic() { return data::read_csv(reference_data("synthetic_panel.csv")); }

TEST(Mle, GaussianMleEqualsOls) {
    // Tobit without limits is the Gaussian linear model: beta = OLS, sigma^2 = RSS/n, and the
    // beta block of the inverse information = sigma^2 (X'X)^-1.
    const models::Design d = design("y_lin ~ x1 + x2", synthetic());
    MleOptions options;
    options.left = -INFINITY;
    const Estimate fit = mle(d, models::Family::tobit, options);
    ASSERT_TRUE(fit.converged) << fit.convergence_message;
    const arma::vec b = arma::solve(d.X, d.y);
    const arma::vec e = d.y - d.X * b;
    const double sigma2 = arma::dot(e, e) / d.y.n_elem;
    const arma::mat V = sigma2 * arma::inv_sympd(d.X.t() * d.X);
    for (std::size_t j = 0; j < b.n_elem; ++j) {
        EXPECT_CLOSE(fit.names[j], fit.coef(j), b(j), kSameOptimumRtol);
        EXPECT_CLOSE(fit.names[j] + " var", fit.bread(j, j), V(j, j), kSameOptimumRtol);
    }
    EXPECT_CLOSE("sigma", fit.ancillary.at(0).estimate, std::sqrt(sigma2), kSameOptimumRtol);
}

TEST(Mle, PoissonMleEqualsIrls) {
    const models::Design d = design("y_cnt ~ x1 + x2", synthetic());
    const Estimate fit = mle(d, models::Family::poisson);
    ASSERT_TRUE(fit.converged) << fit.convergence_message;
    // Iteratively reweighted least squares (McCullagh and Nelder 1989, 2.5).
    arma::vec b(d.X.n_cols, arma::fill::zeros);
    for (int iteration = 0; iteration < 50; ++iteration) {
        const arma::vec eta = d.X * b, mu = arma::exp(eta);
        const arma::vec z = eta + (d.y - mu) / mu;
        const arma::mat Xw = d.X.each_col() % mu;
        b = arma::solve(Xw.t() * d.X, Xw.t() * z);
    }
    const arma::mat information = d.X.t() * (d.X.each_col() % arma::exp(d.X * b));
    const arma::mat V = arma::inv_sympd(information);
    for (std::size_t j = 0; j < b.n_elem; ++j) {
        EXPECT_CLOSE(fit.names[j], fit.coef(j), b(j), kSameOptimumRtol);
        EXPECT_CLOSE(fit.names[j] + " var", fit.bread(j, j), V(j, j), kSameOptimumRtol);
    }
}

TEST(Mle, NegativeBinomialAgainstGlmNb) {
    const auto ref = r_values()["negbin"];
    const data::Frame frame = data::read_csv(reference_data("recreationdemand.csv"));
    const Estimate fit = mle(design("trips ~ quality + income + costs", frame), models::Family::negbin);
    ASSERT_TRUE(fit.converged) << fit.convergence_message;
    for (std::size_t j = 0; j < fit.k(); ++j) {
        EXPECT_CLOSE(fit.names[j], fit.coef(j), ref["coef"][fit.names[j]].get<double>(), kRCoefRtol);
        EXPECT_CLOSE(fit.names[j] + " oim", std::sqrt(fit.bread(j, j)),
                     ref["se_oim_joint"][fit.names[j]].get<double>(), kNumericHessianRtol);
    }
    EXPECT_EQ(fit.ancillary.at(0).name, "alpha");
    EXPECT_CLOSE("alpha", fit.ancillary[0].estimate, ref["alpha"].get<double>(), kRCoefRtol);
    EXPECT_CLOSE("loglik", fit.stats["loglik"].get<double>(), ref["loglik"].get<double>(), kRCoefRtol);

    MleOptions options;
    options.info = Information::expected;
    const Estimate glm_nb = mle(design("trips ~ quality + income + costs", frame), models::Family::negbin, options);
    for (std::size_t j = 0; j < glm_nb.k(); ++j)
        EXPECT_CLOSE(glm_nb.names[j] + " expected", std::sqrt(glm_nb.bread(j, j)),
                     ref["se_expected"][glm_nb.names[j]].get<double>(), kRSeRtol);
}

TEST(Mle, OrderedModelsAgainstPolr) {
    data::Frame frame = data::read_csv(reference_data("recreationdemand.csv"));
    std::vector<double> category;
    for (double trips : frame.column("trips").to_doubles())
        category.push_back(trips == 0 ? 1 : trips <= 2 ? 2 : 3);
    frame.add(data::Column::numeric("tcat", category));
    for (const auto& [key, family] : {std::pair{"polr_logistic", models::Family::ologit},
                                      std::pair{"polr_probit", models::Family::oprobit}}) {
        SCOPED_TRACE(key);
        const auto ref = r_values()[key];
        const Estimate fit = mle(design("tcat ~ quality + income + costs", frame), family);
        ASSERT_TRUE(fit.converged) << fit.convergence_message;
        ASSERT_EQ(fit.k(), 3u);  // no intercept: the cut points take its place
        for (std::size_t j = 0; j < fit.k(); ++j) {
            const double se = std::sqrt(fit.bread(j, j));
            EXPECT_NEAR(fit.coef(j), ref["coef"][fit.names[j]].get<double>(), kPolrCoefSeFraction * se)
                << fit.names[j];
            EXPECT_CLOSE(fit.names[j] + " se", se, ref["se"][fit.names[j]].get<double>(), kPolrSeRtol);
        }
        ASSERT_EQ(fit.ancillary.size(), 2u);
        for (std::size_t j = 0; j < 2; ++j)
            EXPECT_NEAR(fit.ancillary[j].estimate, ref["cuts"][j].get<double>(),
                        kPolrCoefSeFraction * fit.ancillary[j].se) << fit.ancillary[j].name;
        EXPECT_GE(fit.stats["loglik"].get<double>(), ref["loglik"].get<double>());
    }
}

TEST(Mle, FractionalModelsAgainstQuasibinomialGlm) {
    data::Frame frame = synthetic();
    const std::vector<double> y = frame.column("y_cens").to_doubles();
    const double top = *std::max_element(y.begin(), y.end());
    std::vector<double> share;
    for (double v : y) share.push_back(v / top);
    frame.add(data::Column::numeric("share", share));
    for (const auto& [key, family] : {std::pair{"fraclogit", models::Family::fraclogit},
                                      std::pair{"fracprobit", models::Family::fracprobit}}) {
        SCOPED_TRACE(key);
        const auto ref = r_values()[key];
        // R's sandwich on a glm uses the expected information as its bread.
        MleOptions options;
        options.info = Information::expected;
        const Estimate fit = mle(design("share ~ x1 + x2", frame), family, options);
        ASSERT_TRUE(fit.converged) << fit.convergence_message;
        InferenceOptions hc0;
        hc0.vcov = inference::VcovSpec::hc(0);
        const Result result = infer(fit, hc0);
        for (std::size_t j = 0; j < fit.k(); ++j) {
            EXPECT_CLOSE(fit.names[j], fit.coef(j), ref["coef"][fit.names[j]].get<double>(), kRCoefRtol);
            EXPECT_CLOSE(fit.names[j] + " hc0", result.coef[j].se, ref["se_hc0"][fit.names[j]].get<double>(), kRSeRtol);
        }
    }
}

models::Design hand_design(const std::vector<double>& y, const std::vector<std::vector<double>>& columns,
                           const std::vector<std::string>& names) {
    models::Design d;
    d.outcome = "y";
    d.y = arma::vec(y);
    d.X = arma::mat(y.size(), columns.size() + 1, arma::fill::ones);
    d.names = {"(Intercept)"};
    for (std::size_t j = 0; j < columns.size(); ++j) {
        d.X.col(j + 1) = arma::vec(columns[j]);
        d.names.push_back(names[j]);
    }
    for (std::size_t i = 0; i < y.size(); ++i) d.sample.rows.push_back(i);
    return d;
}

TEST(MleSeparation, DummyPredictingSuccessIsDroppedWithItsObservations) {
    // d = 1 only with y = 1 (3 rows): Stata drops d and those 3 rows.
    const std::vector<double> y = {1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0};
    const std::vector<double> d = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    const std::vector<double> x = {0.3, -1, 2, 0.5, 1.2, -0.7, 0.1, 0.9, -1.5, 0.4, -0.2, 1.1};
    const Estimate fit = mle(hand_design(y, {d, x}, {"d", "x"}), models::Family::logit);
    EXPECT_TRUE(fit.converged) << fit.convergence_message;
    EXPECT_EQ(fit.sample.dropped.separated, 3u);
    EXPECT_EQ(fit.nobs, 9u);
    EXPECT_EQ(fit.sample.dropped.collinear, std::vector<std::string>{"d"});
    EXPECT_EQ(fit.names, (std::vector<std::string>{"(Intercept)", "x"}));
    ASSERT_FALSE(fit.notes.empty());
    EXPECT_NE(fit.notes[0].find("d != 0 predicts success perfectly"), std::string::npos) << fit.notes[0];
}

TEST(MleSeparation, QuasiCompleteSeparationByAContinuousRegressor) {
    // x < 0 only with y = 0, x > 0 only with y = 1; at x = 0 both: the 6 rows with x != 0 are
    // perfectly predicted, and x is then constant (0) on the rest.
    const std::vector<double> y = {0, 0, 0, 0, 1, 0, 1, 1, 1, 1};
    const std::vector<double> x = {-3, -2, -1, 0, 0, 0, 0, 1, 2, 3};
    const Estimate fit = mle(hand_design(y, {x}, {"x"}), models::Family::logit);
    EXPECT_EQ(fit.sample.dropped.separated, 6u);
    EXPECT_EQ(fit.nobs, 4u);
    EXPECT_EQ(fit.names, std::vector<std::string>{"(Intercept)"});
    EXPECT_TRUE(std::isfinite(fit.coef(0)));
}

TEST(MleSeparation, PoissonGroupWithoutCountsIsDropped) {
    // Group dummy g2: all four of its rows have y = 0 (its coefficient would run to -infinity).
    const std::vector<double> y = {0, 0, 0, 0, 3, 1, 0, 2, 5, 1, 0, 4};
    const std::vector<double> g2 = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    const std::vector<double> x = {0.1, 0.5, -0.3, 0.8, 0.2, -0.4, 0.9, 0.3, 1.1, -0.6, 0.0, 0.7};
    const Estimate fit = mle(hand_design(y, {g2, x}, {"g2", "x"}), models::Family::poisson);
    EXPECT_TRUE(fit.converged) << fit.convergence_message;
    EXPECT_EQ(fit.sample.dropped.separated, 4u);
    EXPECT_EQ(fit.nobs, 8u);
}

TEST(MleSeparation, PoissonSeparationByACombinationOfRegressors) {
    // z = x1 - x2 is 0 wherever y > 0 and >= 0 where y = 0, > 0 on two rows: those two are
    // separated; no single regressor shows it.
    const std::vector<double> y = {0, 0, 0, 0, 2, 1, 3, 1, 2, 4};
    const std::vector<double> x1 = {2, 3, 1, 0.5, 1, 2, 0.5, 3, 1.5, 2.5};
    const std::vector<double> x2 = {1, 1, 1, 0.5, 1, 2, 0.5, 3, 1.5, 2.5};
    const Estimate fit = mle(hand_design(y, {x1, x2}, {"x1", "x2"}), models::Family::poisson);
    EXPECT_EQ(fit.sample.dropped.separated, 2u);
    EXPECT_EQ(fit.nobs, 8u);
    EXPECT_EQ(fit.k(), 2u);  // x1 - x2 = 0 on the rest: one of them is collinear
}

TEST(Mle, NonConvergenceIsRecorded) {
    MleOptions options;
    options.max_iterations = 1;
    const Estimate fit = mle(design("y_cnt ~ x1 + x2", synthetic()), models::Family::negbin, options);
    EXPECT_FALSE(fit.converged);
    EXPECT_NE(fit.convergence_message.find("no convergence"), std::string::npos) << fit.convergence_message;
}

TEST(Mle, OutcomeOutsideTheFamilyIsAnError) {
    EXPECT_THROW(mle(design("y_cnt ~ x1", synthetic()), models::Family::logit), Error);
    EXPECT_THROW(mle(design("y_lin ~ x1", synthetic()), models::Family::poisson), Error);
    MleOptions options;
    options.info = Information::expected;
    EXPECT_THROW(mle(design("y_cens ~ x1", synthetic()), models::Family::tobit, options), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
