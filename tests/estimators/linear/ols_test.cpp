// ols(): weighted least squares against R (tests/fixtures/ols/grunfeld_weighted.json, produced by
// the R script beside it), collinear columns dropped by name in order, and the caller's mistakes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "estimators/linear/ols.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;
using testing::kSeRtol;
using testing::kStatRtol;

models::Design grunfeld_design() {
    const data::Frame frame = data::read_csv(testing::reference_data("grunfeld.csv"));
    models::Design d;
    d.outcome = "inv";
    d.y = arma::vec(frame.column("inv").to_doubles());
    d.X = arma::join_rows(arma::vec(frame.rows(), arma::fill::ones), arma::vec(frame.column("value").to_doubles()),
                          arma::vec(frame.column("capital").to_doubles()));
    d.names = {"(Intercept)", "value", "capital"};
    return d;
}

TEST(Ols, WeightedLeastSquaresMatchesR) {
    const auto peer = testing::read_json(testing::fixture("ols/grunfeld_weighted.json"));
    models::Design d = grunfeld_design();
    d.weights = 1.0 / d.X.col(2);
    const Estimate fit = ols(d);
    const std::pair<const char*, const char*> keys[] = {{"se_iid", "iid"}, {"se_HC1", "hc1"}, {"se_HC2", "hc2"}, {"se_HC3", "hc3"}};
    for (const auto& [key, vcov] : keys) {
        InferenceOptions options;
        options.vcov = inference::parse_vcov(vcov);
        const Result r = infer(fit, options);
        for (const auto& row : r.coef) {
            EXPECT_CLOSE(row.name + " coef", row.estimate, peer.at("coef").at(row.name).get<double>(), kCoefRtol);
            EXPECT_CLOSE(row.name + " " + key, row.se, peer.at(key).at(row.name).get<double>(), kSeRtol);
        }
    }
    EXPECT_CLOSE("r2", fit.stats.at("r2").get<double>(), peer.at("r2").get<double>(), kStatRtol);
    EXPECT_CLOSE("r2_adj", fit.stats.at("r2_adj").get<double>(), peer.at("r2_adj").get<double>(), kStatRtol);
    EXPECT_CLOSE("loglik", fit.stats.at("loglik").get<double>(), peer.at("loglik").get<double>(), kStatRtol);
    EXPECT_CLOSE("sigma", std::sqrt(fit.sigma2), peer.at("sigma").get<double>(), kStatRtol);
    const auto hat = peer.at("hat_first5").get<std::vector<double>>();
    for (std::size_t i = 0; i < hat.size(); ++i) EXPECT_CLOSE("leverage", fit.leverage(i), hat[i], kStatRtol);
}

TEST(Ols, ScoresResidualsAndBreadFollowTheContract) {
    const Estimate fit = ols(grunfeld_design());
    const models::Design d = grunfeld_design();
    const arma::vec e = d.y - d.X * fit.coef;
    EXPECT_LT(arma::abs(fit.residuals - e).max(), 1e-9 * arma::abs(d.y).max());
    const arma::mat scores = d.X.each_col() % fit.residuals;
    EXPECT_LT(arma::abs(fit.scores - scores).max(), 1e-12 * arma::abs(scores).max());
    const arma::mat xtx_inv = arma::inv_sympd(d.X.t() * d.X);
    EXPECT_LT(arma::abs(fit.bread - xtx_inv).max(), 1e-9 * arma::abs(xtx_inv).max());
    EXPECT_NEAR(arma::accu(fit.leverage), 3.0, 1e-12) << "the leverages sum to K";
    EXPECT_EQ(fit.stats.at("df_resid").get<double>(), 197.0);
}

TEST(Ols, CollinearColumnsAreDroppedByNameInOrder) {
    models::Design d = grunfeld_design();
    const arma::vec sum = d.X.col(1) + 2.0 * d.X.col(2);
    d.X = arma::join_rows(d.X.cols(0, 1), sum, arma::vec(d.nobs(), arma::fill::zeros), d.X.col(2));
    d.names = {"(Intercept)", "value", "combo", "zero", "capital"};
    const Estimate fit = ols(d);
    EXPECT_EQ(fit.names, (std::vector<std::string>{"(Intercept)", "value", "combo"}));
    EXPECT_EQ(fit.sample.dropped.collinear, (std::vector<std::string>{"zero", "capital"}));
    const Estimate reference = ols(grunfeld_design());
    // combo = value + 2 capital carries capital's coefficient / 2.
    EXPECT_CLOSE("combo", fit.coef(2), reference.coef(2) / 2.0, kCoefRtol);
}

TEST(Ols, DummyTrapDropsTheLastLevelNotTheIntercept) {
    models::Design d;
    d.y = {1, 2, 3, 4, 5, 7};
    d.X = {{1, 1, 0, 0.5}, {1, 1, 0, 1.5}, {1, 0, 1, 2.0}, {1, 0, 1, 3.5}, {1, 1, 0, 4.0}, {1, 0, 1, 6.0}};
    d.names = {"(Intercept)", "g::a", "g::b", "x"};
    const Estimate fit = ols(d);
    EXPECT_EQ(fit.sample.dropped.collinear, (std::vector<std::string>{"g::b"}));
}

TEST(Ols, CallerMistakesAreErrors) {
    models::Design empty;
    EXPECT_THROW(ols(empty), Error);
    models::Design zero = grunfeld_design();
    zero.X.zeros();
    EXPECT_THROW(ols(zero), Error);
    models::Design weights = grunfeld_design();
    weights.weights = arma::vec(weights.nobs(), arma::fill::ones);
    weights.weights(7) = -1.0;
    try {
        ols(weights);
        FAIL() << "a negative weight was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("observation 8"), std::string::npos) << e.what();
    }
    models::Design names = grunfeld_design();
    names.names.pop_back();
    EXPECT_THROW(ols(names), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
