// `gvcpanel mediate` (cli/mediation_fit): the effects, delta-method SEs and Sobel, Aroian and
// Goodman statistics against the direct R computation of tests/fixtures/mechanisms/
// mediation_grunfeld.R (absorbed firm and year effects clustered by firm; iid without effects);
// the total regression equal to direct + indirect; and the bootstrap on a panel generated here
// with a known indirect effect: the true value inside the intervals, the same numbers whatever
// the thread count.
#include "cli/mediation_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "data/random.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// Least-squares fits and the same sums on both sides: agreement to ~1e-12; 1e-8 relative (the
// issue's bar for the delta method) for estimates, SEs and test statistics.
constexpr double kRtol = 1e-8;

MediationRequest grunfeld_request(bool effects) {
    MediationRequest request;
    request.treatment = "value";
    request.mediators = {"capital"};
    request.outcome = "inv";
    if (effects) {
        request.fe = "firm + year";
        request.options.vcov = "cluster:firm";
    }
    return request;
}

TEST(MediationFit, MatchesTheDirectComputationInR) {
    const auto reference = testing::read_json(fixture("mechanisms/mediation_grunfeld.json"));
    const data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    for (const auto& expected : reference["cases"]) {
        const std::string name = expected["name"];
        const auto fit = fit_mediation(grunfeld_request(name == "fe_cluster"), frame);
        for (const auto& row : expected["rows"]) {
            const auto& got = fit.effects.coefficient(row["name"]);
            EXPECT_CLOSE(name + " " + got.name, got.estimate, row["estimate"].get<double>(), kRtol);
            EXPECT_CLOSE(name + " se " + got.name, got.se, row["se"].get<double>(), kRtol);
        }
        for (const auto& test : expected["tests"]) {
            const auto* got = fit.effects.test(test["name"]);
            ASSERT_NE(got, nullptr) << test["name"];
            EXPECT_CLOSE(name + " " + got->name, got->stat, test["stat"].get<double>(), kRtol);
        }
        // Baron-Kenny: the total equation first; its coefficient is direct + indirect (OLS, one sample).
        ASSERT_EQ(fit.steps.size(), 3u);
        EXPECT_CLOSE(name + " total regression", fit.steps[0].coefficient("value").estimate,
                     expected["total_regression"].get<double>(), kRtol);
        EXPECT_CLOSE(name + " total = direct + indirect", fit.effects.coefficient("total").estimate,
                     fit.steps[0].coefficient("value").estimate, 1e-10);
    }
}

// x -> m -> y on 80 firms x 8 years with firm effects: m = 0.6 x + u_f + e, y = 0.5 m + 0.3 x + v_f + e;
// the true indirect effect is 0.3.
data::Frame simulated_mediation() {
    data::Random random(20261208);
    std::vector<double> firm, x, m, y;
    for (int f = 0; f < 80; ++f) {
        const double u = random.normal(), v = random.normal();
        for (int t = 0; t < 8; ++t) {
            firm.push_back(f);
            x.push_back(random.normal() + 0.5 * u);
            m.push_back(0.6 * x.back() + u + random.normal());
            y.push_back(0.5 * m.back() + 0.3 * x.back() + v + random.normal());
        }
    }
    data::Frame frame;
    frame.set(data::Column::numeric("firm", firm));
    frame.set(data::Column::numeric("x", x));
    frame.set(data::Column::numeric("m", m));
    frame.set(data::Column::numeric("y", y));
    return frame;
}

TEST(MediationFit, BootstrapIntervalsCoverTheTrueEffectAndDoNotDependOnThreads) {
    const data::Frame frame = simulated_mediation();
    MediationRequest request;
    request.treatment = "x";
    request.mediators = {"m"};
    request.outcome = "y";
    request.fe = "firm";
    request.options.vcov = "cluster:firm";
    request.options.bootstrap = "cluster:firm:199";
    request.options.seed = 7;
    request.options.threads = 1;
    const auto one = fit_mediation(request, frame);
    request.options.threads = 2;
    const auto two = fit_mediation(request, frame);
    ASSERT_TRUE(one.effects.bootstrap.has_value());
    const auto& intervals = one.effects.bootstrap->intervals;
    ASSERT_EQ(intervals.size(), 4u);
    EXPECT_EQ(intervals[2].name, "indirect");
    EXPECT_LT(intervals[2].percentile_low, 0.3);
    EXPECT_GT(intervals[2].percentile_high, 0.3);
    EXPECT_LT(intervals[2].bc_low, 0.3);
    EXPECT_GT(intervals[2].bc_high, 0.3);
    EXPECT_TRUE(std::isfinite(intervals[2].bca_low));  // 80 clusters <= 199 replicates: BCa computed
    // The interval brackets the estimate and is of the order of the delta-method one.
    const auto& indirect = one.effects.coefficient("indirect");
    EXPECT_LT(intervals[2].percentile_low, indirect.estimate);
    EXPECT_GT(intervals[2].percentile_high, indirect.estimate);
    EXPECT_NEAR(intervals[2].percentile_high - intervals[2].percentile_low, indirect.ci_high - indirect.ci_low,
                0.5 * (indirect.ci_high - indirect.ci_low));
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        EXPECT_EQ(intervals[i].percentile_low, two.effects.bootstrap->intervals[i].percentile_low);
        EXPECT_EQ(intervals[i].bca_high, two.effects.bootstrap->intervals[i].bca_high);
    }
}

TEST(MediationFit, SeveralMediatorsInParallel) {
    data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    std::vector<double> lagged;
    for (std::size_t i = 0; i < frame.rows(); ++i) lagged.push_back(std::sqrt(frame.column("capital").number(i)));
    frame.set(data::Column::numeric("root_capital", lagged));
    MediationRequest request = grunfeld_request(false);
    request.mediators = {"capital", "root_capital"};
    const auto fit = fit_mediation(request, frame);
    const double sum = fit.effects.coefficient("indirect:capital").estimate +
                       fit.effects.coefficient("indirect:root_capital").estimate;
    EXPECT_NEAR(fit.effects.coefficient("indirect").estimate, sum, 1e-14 * std::fabs(sum));
    EXPECT_NE(fit.effects.test("sobel:root_capital"), nullptr);
    EXPECT_EQ(fit.steps.size(), 4u);
}

TEST(MediationFit, RefusesWhatItCannotDo) {
    const data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    MediationRequest request = grunfeld_request(false);
    request.options.vcov = "dk";
    EXPECT_THROW(fit_mediation(request, frame), Error);
    request = grunfeld_request(false);
    request.mediators.clear();
    EXPECT_THROW(fit_mediation(request, frame), Error);
}

}  // namespace
}  // namespace gvcpanel::cli
