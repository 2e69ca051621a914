// `--nlcom` through the command-line path: the Grunfeld delta-method values against R's
// car::deltaMethod (tests/fixtures/mechanisms/nlcom_grunfeld.R) under the iid and HC1 covariances,
// the test distribution of the fit's own coefficient table (t for OLS, normal for logit), the
// "nlcom" rows of the result JSON with their round trip, and the text summary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "reports/summary.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// Both sides compute J V J' from exact gradients and the same least-squares fit: they agree to the
// coefficients' and covariance's rounding (~1e-12); 1e-8 is the bar.
constexpr double kRtol = 1e-8;

ModelRequest grunfeld_ols(const std::string& vcov) {
    ModelRequest r;
    r.model = "inv ~ value + capital";
    r.vcov = vcov;
    r.nlcom = {"ratio = value / capital", "share = value / (value + capital)",
               "curve = exp(value) * capital^2 - log(capital)", "same = value"};
    return r;
}

const estimators::CoefRow& nlcom(const estimators::Result& result, const std::string& name) {
    for (const auto& row : result.nlcom)
        if (row.name == name) return row;
    throw std::runtime_error("no nlcom row " + name);
}

TEST(Nlcom, GrunfeldMatchesCarDeltaMethod) {
    const auto reference = testing::read_json(fixture("mechanisms/nlcom_grunfeld.json"));
    const data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    for (const auto& [vcov, key] : {std::pair{"iid", "iid"}, std::pair{"hc1", "hc1"}}) {
        const estimators::Result result = run_model(grunfeld_ols(vcov), frame);
        for (const auto& expected : reference[key]) {
            const std::string name = expected["name"].get<std::string>();
            EXPECT_CLOSE(name + " " + vcov, nlcom(result, name).estimate, expected["estimate"].get<double>(), kRtol);
            EXPECT_CLOSE(name + " se " + vcov, nlcom(result, name).se, expected["se"].get<double>(), kRtol);
        }
    }
}

// nlcom of one coefficient is that coefficient's row: same t(df) or normal p-value and interval.
void expect_same_as_coefficient(const estimators::Result& result, const std::string& name) {
    const auto& c = result.coefficient(name);
    const auto& n = nlcom(result, "same");
    EXPECT_DOUBLE_EQ(n.estimate, c.estimate);
    EXPECT_NEAR(n.se, c.se, 1e-14 * c.se);
    EXPECT_NEAR(n.p, c.p, 1e-12);
    EXPECT_NEAR(n.ci_low, c.ci_low, 1e-12 * std::fabs(c.ci_low));
    EXPECT_NEAR(n.ci_high, c.ci_high, 1e-12 * std::fabs(c.ci_high));
}

TEST(Nlcom, UsesTheDistributionOfTheCoefficientTable) {
    const data::Frame grunfeld = data::read_csv(reference_data("grunfeld.csv"));
    expect_same_as_coefficient(run_model(grunfeld_ols("cluster:firm"), grunfeld), "value");  // t(df)

    data::Frame frame = grunfeld;
    std::vector<double> high;
    for (std::size_t i = 0; i < frame.rows(); ++i) high.push_back(frame.column("inv").number(i) > 100 ? 1.0 : 0.0);
    frame.set(data::Column::numeric("high", high));
    ModelRequest logit;
    logit.estimator = "logit";
    logit.model = "high ~ value + capital";
    logit.nlcom = {"same = value", "ratio = value / capital"};
    const auto result = run_model(logit, frame);
    expect_same_as_coefficient(result, "value");  // normal
}

// --test with a nonlinear restriction (testnl): the delta-method Wald statistic, here F(1, df) =
// ((ratio - 0.5) / se(ratio))^2 with car::deltaMethod's ratio and se; a linear restriction written
// nonlinearly gives the linear test's statistic.
TEST(Nlcom, NonlinearRestrictionsInTest) {
    const auto reference = testing::read_json(fixture("mechanisms/nlcom_grunfeld.json"));
    const data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    ModelRequest request;
    request.model = "inv ~ value + capital";
    request.tests = {"value / capital = 0.5", "value^1 = capital", "value = capital"};
    const auto result = run_model(request, frame);
    const auto& ratio = reference["iid"][0];
    const double z = (ratio["estimate"].get<double>() - 0.5) / ratio["se"].get<double>();
    ASSERT_EQ(result.tests.size(), 3u);
    EXPECT_CLOSE("testnl ratio", result.tests[0].stat, z * z, kRtol);
    EXPECT_EQ(result.tests[0].df.size(), 2u);  // F(1, 197), as the linear tests of a linear model
    EXPECT_CLOSE("testnl = test", result.tests[1].stat, result.tests[2].stat, 1e-12);
    request.tests = {"value * nope = 1"};
    EXPECT_THROW(run_model(request, frame), Error);
}

TEST(Nlcom, RowsReachTheJsonAndTheSummary) {
    const data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    const estimators::Result result = run_model(grunfeld_ols("iid"), frame);
    const auto json = estimators::to_json(result);
    ASSERT_EQ(json["nlcom"].size(), 4u);
    EXPECT_EQ(json["nlcom"][0]["name"], "ratio");
    EXPECT_EQ(json["nlcom"][0]["kind"], "nlcom");
    const auto back = estimators::result_from_json(json);
    ASSERT_EQ(back.nlcom.size(), 4u);
    EXPECT_DOUBLE_EQ(back.nlcom[1].se, result.nlcom[1].se);
    const std::string text = reports::summary(result, {});
    EXPECT_NE(text.find("Nonlinear combinations (delta method):\nratio"), std::string::npos) << text;
}

}  // namespace
}  // namespace gvcpanel::cli
