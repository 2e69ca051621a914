// --estimator threshold through the command-line path (cli::run_model): the final model's slopes and
// iid standard errors against the brute-force R implementation (tests/fixtures/threshold/), the stats
// and tests of the contract, any --vcov on the slopes, Hansen's bootstrap (thread count, seed, and a
// threshold found or not), and the errors a user can make.
#include <gtest/gtest.h>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/random.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::kCoefRtol;
using gvcpanel::testing::kSeRtol;

// Thresholds are values of q picked by the search: they agree to rounding.
constexpr double kGammaRtol = 1e-10;

ModelRequest threshold_request(int thresholds) {
    ModelRequest r;
    r.model = "y ~ x + z | id";
    r.estimator = "threshold";
    r.threshold_var = "q";
    r.regime = "x";
    r.thresholds = thresholds;
    r.trim = "0.05";
    return r;
}

const data::Frame& simulated() {
    static const auto frame = data::read_table(fixture("threshold/simulated.csv"));
    return frame;
}

// R's JSON writes a vector of one as a number.
std::vector<double> numbers(const nlohmann::json& value) {
    return value.is_array() ? value.get<std::vector<double>>() : std::vector<double>{value.get<double>()};
}

void expect_reference(const estimators::Result& result, const std::string& name) {
    SCOPED_TRACE(name);
    const auto reference = gvcpanel::testing::read_json(fixture("threshold/reference.json"))[name];
    const auto names = reference["names"].get<std::vector<std::string>>();
    const auto coef = reference["coef"].get<std::vector<double>>(), se = reference["se"].get<std::vector<double>>();
    ASSERT_EQ(result.coef.size(), names.size());
    for (std::size_t j = 0; j < names.size(); ++j) {
        EXPECT_EQ(result.coef[j].name, names[j]);
        EXPECT_CLOSE(names[j], result.coef[j].estimate, coef[j], kCoefRtol);
        EXPECT_CLOSE("se " + names[j], result.coef[j].se, se[j], kSeRtol);
    }
    const auto gamma = numbers(reference["gamma"]), low = numbers(reference["low"]), high = numbers(reference["high"]);
    for (std::size_t j = 0; j < gamma.size(); ++j) {
        const std::string key = "gamma" + std::to_string(j + 1);
        EXPECT_CLOSE(key, result.stats.at(key).get<double>(), gamma[j], kGammaRtol);
        EXPECT_CLOSE(key + "_low", result.stats.at(key + "_low").get<double>(), low[j], kGammaRtol);
        EXPECT_CLOSE(key + "_high", result.stats.at(key + "_high").get<double>(), high[j], kGammaRtol);
    }
}

TEST(FitThreshold, SlopesAndStandardErrorsAgreeWithBruteForce) {
    expect_reference(run_model(threshold_request(1), simulated()), "single");
    expect_reference(run_model(threshold_request(2), simulated()), "double");
    expect_reference(run_model(threshold_request(3), simulated()), "triple");
    auto unbalanced = threshold_request(2);
    unbalanced.subset = "keep == 1";
    expect_reference(run_model(unbalanced, simulated()), "double_unbalanced");
    auto weighted = threshold_request(2);
    weighted.weights = "w";
    expect_reference(run_model(weighted, simulated()), "double_weighted");
}

// Hansen's (1999) investment data (../shared/data/wave2, from R pdR): inv on lagged q, q^2, q^3, debt,
// q x debt and cash flow, the slope of cash flow changing with lagged debt, 1% trimming, every distinct
// value; against the brute-force R implementation on the same rows (invest_reference.json).
void expect_invest(const std::string& file, const std::string& model, const std::string& q, const std::string& regime,
                   const std::string& name) {
    const auto frame = data::read_table(gvcpanel::testing::shared_data("wave2/" + file));
    const auto reference = gvcpanel::testing::read_json(fixture("threshold/invest_reference.json"))[name];
    ModelRequest r;
    r.model = model;
    r.panel = "firm,year";
    r.estimator = "threshold";
    r.threshold_var = q;
    r.regime = regime;
    r.thresholds = reference["call"]["m"].get<int>();
    const auto result = run_model(r, frame);
    SCOPED_TRACE(name);
    const auto coef = numbers(reference["coef"]), se = numbers(reference["se"]);
    ASSERT_EQ(result.coef.size(), coef.size());
    for (std::size_t j = 0; j < coef.size(); ++j) {
        EXPECT_CLOSE(result.coef[j].name, result.coef[j].estimate, coef[j], kCoefRtol);
        EXPECT_CLOSE("se " + result.coef[j].name, result.coef[j].se, se[j], kSeRtol);
    }
    const auto gamma = numbers(reference["gamma"]), low = numbers(reference["low"]), high = numbers(reference["high"]);
    for (std::size_t j = 0; j < gamma.size(); ++j) {
        const std::string key = "gamma" + std::to_string(j + 1);
        EXPECT_CLOSE(key, result.stats.at(key).get<double>(), gamma[j], kGammaRtol);
        EXPECT_CLOSE(key + "_low", result.stats.at(key + "_low").get<double>(), low[j], kGammaRtol);
        EXPECT_CLOSE(key + "_high", result.stats.at(key + "_high").get<double>(), high[j], kGammaRtol);
    }
    const auto f = numbers(reference["f"]);
    const char* tests[] = {"threshold_single", "threshold_double", "threshold_triple"};
    for (std::size_t k = 0; k < f.size(); ++k) EXPECT_CLOSE(tests[k], result.test(tests[k])->stat, f[k], kCoefRtol);
}

TEST(FitThreshold, HansensInvestmentDataAgreeWithBruteForce) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const std::string lagged = "inv ~ l(q,1) + I(l(q,1)^2) + I(l(q,1)^3) + l(debt,1) + l(q,1):l(debt,1) + l(cf,1) | firm";
    expect_invest("invest.csv", lagged, "l(debt,1)", "l(cf, 1)", "invest_single");
    expect_invest("invest.csv", lagged, "l(debt,1)", "l(cf, 1)", "invest_double");
    // invest_unbal.csv holds the lagged variables, 10% of the rows removed.
    expect_invest("invest_unbal.csv", "inv ~ q1 + I(q1^2) + I(q1^3) + d1 + q1:d1 + cf1 | firm", "d1", "cf1",
                  "invest_unbalanced_double");
}

TEST(FitThreshold, ReportsTheContractsNames) {
    const auto result = run_model(threshold_request(3), simulated());
    EXPECT_EQ(result.estimator, "threshold");
    for (const char* key : {"gamma1", "gamma1_low", "gamma1_high", "gamma3", "gamma3_high", "lr_critical", "threshold_lr"})
        EXPECT_TRUE(result.stats.contains(key)) << key;
    EXPECT_EQ(result.stats.at("threshold_lr").size(), 3u);
    for (const char* name : {"threshold_single", "threshold_double", "threshold_triple"}) {
        ASSERT_NE(result.test(name), nullptr) << name;
        EXPECT_TRUE(std::isnan(result.test(name)->p)) << "no p-value without --bootstrap";
    }
    EXPECT_NO_THROW(result.coefficient("x::regime4"));
}

TEST(FitThreshold, RegimeNamesKeepCommasInsideParentheses) {
    auto r = threshold_request(1);
    r.model = "y ~ x + l(z,1) | id";
    r.panel = "id,t";
    r.regime = "l(z, 1), x";
    const auto result = run_model(r, simulated());
    EXPECT_NO_THROW(result.coefficient("l(z,1)::regime2"));
    EXPECT_NO_THROW(result.coefficient("x::regime1"));
}

TEST(FitThreshold, AnyCovarianceAppliesToTheSlopes) {
    auto r = threshold_request(1);
    const auto iid = run_model(r, simulated());
    r.vcov = "cluster:id";
    const auto clustered = run_model(r, simulated());
    EXPECT_EQ(clustered.vcov, "cluster:id");
    EXPECT_EQ(iid.coef[1].estimate, clustered.coef[1].estimate);
    EXPECT_NE(iid.coef[1].se, clustered.coef[1].se);
    EXPECT_EQ(iid.stats.at("gamma1"), clustered.stats.at("gamma1"));
}

TEST(FitThreshold, BootstrapDoesNotDependOnTheThreadCountAndFindsTheThresholds) {
    auto r = threshold_request(2);
    r.bootstrap = "40";
    r.seed = 5;
    r.threads = 1;
    const auto one = run_model(r, simulated());
    r.threads = 2;
    const auto two = run_model(r, simulated());
    for (const char* name : {"threshold_single", "threshold_double"}) {
        EXPECT_EQ(one.test(name)->p, two.test(name)->p);
        EXPECT_EQ(one.test(name)->extra.at("crit_95"), two.test(name)->extra.at("crit_95"));
        EXPECT_EQ(one.test(name)->extra.at("reps").get<int>(), 40);
        // The simulated slopes change at two thresholds: no replicate under either null comes close.
        EXPECT_EQ(one.test(name)->p, 0.0) << name;
        EXPECT_LT(one.test(name)->extra.at("crit_99").get<double>(), one.test(name)->stat);
    }
    r.seed = 6;
    EXPECT_NE(run_model(r, simulated()).test("threshold_double")->extra.at("crit_95"),
              one.test("threshold_double")->extra.at("crit_95"));
}

TEST(FitThreshold, BootstrapDoesNotRejectWithoutAThreshold) {
    // 50 entities x 6 periods, one slope everywhere: the single-threshold test should not reject.
    data::Random random(3);
    std::vector<double> id, q, x, y;
    for (int i = 0; i < 50; ++i) {
        const double mu = random.normal();
        for (int t = 0; t < 6; ++t) {
            id.push_back(i);
            q.push_back(random.normal());
            x.push_back(random.normal() + mu);
            y.push_back(mu + x.back() + random.normal());
        }
    }
    data::Frame frame;
    frame.add(data::Column::numeric("id", id));
    frame.add(data::Column::numeric("q", q));
    frame.add(data::Column::numeric("x", x));
    frame.add(data::Column::numeric("y", y));
    auto r = threshold_request(1);
    r.model = "y ~ x | id";
    r.bootstrap = "100";
    const auto result = run_model(r, frame);
    EXPECT_GT(result.test("threshold_single")->p, 0.05);
    EXPECT_GT(result.test("threshold_single")->extra.at("crit_95").get<double>(), result.test("threshold_single")->stat);
}

TEST(FitThreshold, UserErrorsSayWhatIsWrong) {
    const auto expect_error = [](ModelRequest r, const std::string& part) {
        try {
            run_model(r, simulated());
            ADD_FAILURE() << "no error for " << part;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
        }
    };
    auto r = threshold_request(1);
    r.regime = "w";
    expect_error(r, "--regime w: not a term of the formula");
    r = threshold_request(1);
    r.threshold_var = "nothing";
    expect_error(r, "no column 'nothing'");
    r = threshold_request(1);
    r.threshold_var.clear();
    expect_error(r, "needs --threshold-var");
    r = threshold_request(1);
    r.model = "y ~ x + z | id + t";
    expect_error(r, "one fixed-effects dimension");
    r = threshold_request(4);
    expect_error(r, "--thresholds 4");
    r = threshold_request(1);
    r.grid = "1";
    expect_error(r, "--grid 1");
    r = threshold_request(1);
    r.grid = "many";
    expect_error(r, "--grid 'many'");
    r = threshold_request(1);
    r.trim = "0.3";
    expect_error(r, "--trim");
    r = threshold_request(1);
    r.weights = "w";
    r.bootstrap = "10";
    expect_error(r, "not defined with --weights");
    r = threshold_request(1);
    r.bootstrap = "pairs:10";
    expect_error(r, "--bootstrap 'pairs:10'");
}

}  // namespace
}  // namespace gvcpanel::cli
