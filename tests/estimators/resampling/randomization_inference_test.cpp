// Randomization inference (--ri) against tests/fixtures/resampling/ri_design.R: on a design of 10
// villages where every distinct assignment is enumerated (210; 100 within 2 strata), the p-values are
// exact, so they must equal the R enumeration to rounding. Drawn permutations: within Monte Carlo
// error of the exact p, and identical with 1 and 2 threads.
#include <gtest/gtest.h>

#include <cmath>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/test_results.hpp"

namespace gvcpanel::testing {
namespace {

// Enumerated p-values are multiples of 1/210 or 1/100: equal unless an assignment is classified
// differently, which would move them by at least 1/210.
constexpr double kEnumeratedP = 1e-12;
// The observed coefficient: lm (QR) in R against our least squares with absorbed years.
constexpr double kCoefRtol = 1e-9;

estimators::TestResult ri(const std::string& spec, const std::string& strata = "", int threads = 0) {
    cli::ModelRequest request;
    request.model = "y ~ treat + x | year";
    request.vcov = "cluster:village";
    request.ri = spec;
    request.ri_strata = strata;
    request.threads = threads;
    const auto result = cli::run_model(request, data::read_table(fixture("resampling/ri_design.csv")));
    return test_named(result.tests, "ri:treat");
}

TEST(RandomizationInference, EnumeratedAssignmentsEqualTheREnumeration) {
    const auto expected = read_json(fixture("resampling/ri_design.json"));
    for (const char* strata : {"", "stratum"}) {
        SCOPED_TRACE(strata);
        const auto test = ri("treat:999", strata);
        const auto& e = expected.at(std::string(strata).empty() ? "plain" : "strata");
        EXPECT_TRUE(test.extra.at("enumerated").get<bool>());
        EXPECT_EQ(test.extra.at("reps").get<int>(), e.at("reps").get<int>());
        EXPECT_EQ(test.extra.at("unit").get<std::string>(), "village");
        EXPECT_CLOSE("coef", test.stat, expected.at("coef").get<double>(), kCoefRtol);
        EXPECT_NEAR(test.p, e.at("p").get<double>(), kEnumeratedP);
        EXPECT_NEAR(test.extra.at("p_low").get<double>(), e.at("p_low").get<double>(), kEnumeratedP);
        EXPECT_NEAR(test.extra.at("p_high").get<double>(), e.at("p_high").get<double>(), kEnumeratedP);
    }
}

TEST(RandomizationInference, DrawnPermutationsWithinMonteCarloErrorAndThreadInvariant) {
    const double exact = read_json(fixture("resampling/ri_design.json")).at("plain").at("p").get<double>();
    const auto one = ri("treat:200", "", 1);
    const auto two = ri("treat:200", "", 2);
    EXPECT_FALSE(one.extra.at("enumerated").get<bool>());
    EXPECT_EQ(one.extra.at("reps").get<int>(), 200);
    EXPECT_EQ(one.p, two.p);  // replicate r's permutation depends only on (seed, r)
    // 4 standard errors of a proportion over 200 draws: fails by chance with probability 6e-5.
    EXPECT_NEAR(one.p, exact, 4.0 * std::sqrt(exact * (1.0 - exact) / 200.0));
}

TEST(RandomizationInference, RefusesWhatItCannotPermute) {
    EXPECT_THROW(ri("treat:0"), Error);
    EXPECT_THROW(ri("treat:many"), Error);
    EXPECT_THROW(ri("z:99"), Error);                      // no such coefficient
    EXPECT_THROW(ri("treat:99", "household"), Error);     // strata cutting across villages
}

}  // namespace
}  // namespace gvcpanel::testing
