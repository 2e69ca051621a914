// --bootstrap and --vcov jackknife through the command-line path (cli::run_model): results that do
// not depend on the thread count, the cluster bootstrap of a Poisson fixed-effects fit and of a
// system-GMM fit against their sandwich standard errors (within Monte Carlo error), the jackknife of
// OLS against leave-one-cluster-out fits computed here, the summary's intervals, and the errors.
#include <gtest/gtest.h>

#include <cmath>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/inference/distributions.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using gvcpanel::testing::reference_data;

ModelRequest request(const std::string& model, const std::string& vcov = "iid") {
    ModelRequest r;
    r.model = model;
    r.vcov = vcov;
    return r;
}

double se(const estimators::Result& result, const std::string& name) { return result.coefficient(name).se; }

// A bootstrap standard error from B replicates has a relative Monte Carlo standard error of about
// 1/sqrt(2B) around its limit; the limit itself differs from the sandwich by the finite-sample gap
// between the two estimators (of order 1/G for G clusters).
double tolerance(std::size_t replications, double finite_sample_gap) {
    return 4.0 / std::sqrt(2.0 * static_cast<double>(replications)) + finite_sample_gap;
}

TEST(FitBootstrap, ResultsDoNotDependOnTheThreadCount) {
    const auto frame = data::read_table(reference_data("grunfeld.csv"));
    auto r = request("inv ~ value + capital | firm");
    r.bootstrap = "cluster:firm:60";
    r.seed = 11;
    r.threads = 1;
    const auto one = run_model(r, frame);
    r.threads = 2;
    const auto two = run_model(r, frame);
    EXPECT_EQ(one.vcov, "bootstrap:cluster:firm:60");
    ASSERT_TRUE(one.bootstrap && two.bootstrap);
    EXPECT_TRUE(arma::approx_equal(one.vcov_matrix, two.vcov_matrix, "absdiff", 0.0));
    EXPECT_EQ(one.bootstrap->intervals[0].bca_low, two.bootstrap->intervals[0].bca_low);
    r.seed = 12;
    EXPECT_NE(run_model(r, frame).coefficient("value").se, one.coefficient("value").se) << "the seed matters";
}

TEST(FitBootstrap, ClusterBootstrapOfPoissonFixedEffectsReproducesTheClusteredSandwich) {
    // 300 firms: the cluster bootstrap and the clustered sandwich estimate the same variance; 4
    // Monte Carlo standard errors at B = 300 are 16%, plus 5% for their finite-sample difference.
    const auto frame = data::read_table(reference_data("synthetic_panel.csv"));
    auto r = request("y_cnt ~ x1 + x2 | firm + year", "cluster:firm");
    r.estimator = "poisson";
    const auto sandwich = run_model(r, frame);
    r.bootstrap = "cluster:firm:300";
    r.seed = 5;
    const auto boot = run_model(r, frame);
    ASSERT_TRUE(boot.bootstrap);
    EXPECT_EQ(boot.bootstrap->failed, 0u);
    for (const auto* name : {"x1", "x2"}) {
        EXPECT_CLOSE(name, se(boot, name), se(sandwich, name), tolerance(300, 0.05));
        EXPECT_DOUBLE_EQ(boot.coefficient(name).estimate, sandwich.coefficient(name).estimate);
        const auto& interval = boot.bootstrap->intervals[name == std::string("x1") ? 0 : 1];
        EXPECT_LT(interval.percentile_low, boot.coefficient(name).estimate);
        EXPECT_GT(interval.percentile_high, boot.coefficient(name).estimate);
        EXPECT_TRUE(std::isfinite(interval.bca_low)) << "BCa: 300 firms, so the jackknife runs (300 <= B)";
    }
}

TEST(FitBootstrap, ClusterBootstrapOfSystemGmmReproducesItsRobustStandardErrors) {
    // EmplUK, 140 firms, one-step system GMM with robust (clustered by firm) errors, as in
    // tests/reference/dynamic_gmm_reference_test.cpp; 4 Monte Carlo standard errors at B = 200 are
    // 20%, plus 10% for the bootstrap's finite-sample difference from the one-step sandwich with 140
    // clusters and 40 instruments.
    const auto frame = data::read_table(reference_data("empluk.csv"));
    auto r = request("log(emp) ~ l(log(emp), 1) + log(wage) + log(capital)", "robust");
    r.estimator = "sys-gmm";
    r.panel = "firm,year";
    r.gmm = {"log(emp):2-4"};
    r.collapse = true;
    const auto sandwich = run_model(r, frame);
    r.bootstrap = "cluster:firm:200";
    r.seed = 2;
    const auto boot = run_model(r, frame);
    ASSERT_TRUE(boot.bootstrap);
    for (const auto* name : {"l(log(emp),1)", "log(wage)", "log(capital)"})
        EXPECT_CLOSE(name, se(boot, name), se(sandwich, name), tolerance(200, 0.10));
}

TEST(FitBootstrap, JackknifeIsTheLeaveOneClusterOutFormula) {
    // Grunfeld OLS, jackknife by firm: (G-1)/G sum_g (b_(g) - b)(b_(g) - b)' with b_(g) fitted here.
    const auto frame = data::read_table(reference_data("grunfeld.csv"));
    const auto& firm = frame.column("firm");
    const arma::vec y(frame.column("inv").to_doubles());
    arma::mat X(y.n_elem, 3, arma::fill::ones);
    X.col(1) = arma::vec(frame.column("value").to_doubles());
    X.col(2) = arma::vec(frame.column("capital").to_doubles());
    const arma::vec b = arma::solve(X, y);
    arma::mat sum(3, 3, arma::fill::zeros);
    for (int g = 1; g <= 10; ++g) {
        std::vector<arma::uword> keep;
        for (arma::uword i = 0; i < y.n_elem; ++i)
            if (firm.number(i) != g) keep.push_back(i);
        const arma::uvec rows(keep);
        const arma::vec d = arma::solve(X.rows(rows), y.rows(rows)) - b;
        sum += d * d.t();
    }
    const arma::mat expected = 0.9 * sum;
    const auto result = run_model(request("inv ~ value + capital", "jackknife:firm"), frame);
    EXPECT_EQ(result.vcov, "jackknife:firm");
    for (arma::uword j = 0; j < 3; ++j)
        EXPECT_CLOSE(result.coef[j].name, result.coef[j].se, std::sqrt(expected(j, j)), testing::kSeRtol);
    // t(G-1) as clustered tests.
    const auto& value = result.coefficient("value");
    EXPECT_CLOSE("p of value", value.p, estimators::inference::two_sided_p(value.stat, 9.0), testing::kStatRtol);
    EXPECT_EQ(result.stats.at("n_clusters").at("firm"), 10);
}

TEST(FitBootstrap, PairsBootstrapOfOlsNearTheRobustSandwich) {
    // Pairs bootstrap of OLS estimates the HC0 variance; 4 Monte Carlo standard errors at B = 400
    // are 14%, plus 10% for the heavy tails of Grunfeld's 200 observations.
    const auto frame = data::read_table(reference_data("grunfeld.csv"));
    const auto hc0 = run_model(request("inv ~ value + capital", "hc0"), frame);
    auto r = request("inv ~ value + capital");
    r.bootstrap = "400";
    const auto boot = run_model(r, frame);
    EXPECT_EQ(boot.vcov, "bootstrap:pairs:400");
    for (const auto* name : {"value", "capital"}) EXPECT_CLOSE(name, se(boot, name), se(hc0, name), tolerance(400, 0.10));
    EXPECT_TRUE(std::isfinite(boot.bootstrap->intervals[0].bca_low)) << "200 observations <= B: the jackknife runs";
    r.bootstrap = "150";
    EXPECT_TRUE(std::isnan(run_model(r, frame).bootstrap->intervals[0].bca_low)) << "200 observations > B: no BCa";
}

TEST(FitBootstrap, Errors) {
    const auto frame = data::read_table(reference_data("grunfeld.csv"));
    auto r = request("inv ~ value + capital");
    r.bootstrap = "cluster:nofirm";
    EXPECT_THROW(run_model(r, frame), Error);
    r.bootstrap = "clusters:firm";
    EXPECT_THROW(run_model(r, frame), Error);
    r.bootstrap = "pairs:1";
    EXPECT_THROW(run_model(r, frame), Error);
    r.bootstrap = "pairs";
    r.estimator = "fd";
    r.panel = "firm,year";
    EXPECT_THROW(run_model(r, frame), Error) << "single observations break first differences";
}

}  // namespace
}  // namespace gvcpanel::cli
