// `fit --by g`: the Chow, suest and permutation tests of equal coefficients across groups against R
// (tests/fixtures/mechanisms/by_grunfeld.R: the fully interacted lm with vcov and vcovCL HC1, the
// stacked estfun/bread sandwich, and every one of the 252 label assignments of a 10-row data set,
// so the permutation p-value is exact); random permutations give the same p-values with 1 and 2
// threads.
#include "cli/fit_by.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// Least-squares fits and the same sums on both sides (~1e-12); F and chi2 tail probabilities in
// Boost and R agree to ~1e-12 relative here: 1e-8 relative for statistics and p-values.
constexpr double kRtol = 1e-8;

data::Frame grunfeld_with_groups() {
    data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    std::vector<double> big;
    for (std::size_t i = 0; i < frame.rows(); ++i) big.push_back(frame.column("firm").number(i) <= 5 ? 1.0 : 0.0);
    frame.set(data::Column::numeric("big", big));
    return frame;
}

const estimators::TestResult& test_named(const estimators::Result& result, const std::string& name) {
    const auto* test = result.test(name);
    if (!test) throw std::runtime_error("no test " + name);
    return *test;
}

TEST(FitBy, ChowAndSuestMatchR) {
    const auto reference = testing::read_json(fixture("mechanisms/by_grunfeld.json"));
    const data::Frame frame = grunfeld_with_groups();
    ModelRequest request;
    request.model = "inv ~ value + capital";
    ByRequest by{"big", 10};
    for (const auto& [vcov, key] : {std::pair{"iid", "chow_iid"}, std::pair{"cluster:firm", "chow_cluster"}}) {
        request.vcov = vcov;
        const auto results = fit_by(request, by, frame);
        ASSERT_EQ(results.size(), 2u);
        EXPECT_EQ(results[0].stage, "big=0");
        for (const auto& expected : reference[key]) {
            const auto& test = test_named(results[0], "diff:" + expected["term"].get<std::string>() + ":chow");
            EXPECT_CLOSE(std::string(key) + " F", test.stat, expected["stat"].get<double>(), kRtol);
            EXPECT_CLOSE(std::string(key) + " p", test.p, expected["p"].get<double>(), kRtol);
            EXPECT_EQ(test.df.back(), expected["df"].get<double>());
        }
        if (std::string(vcov) == "cluster:firm")
            for (const auto& expected : reference["suest_cluster"]) {
                const auto& test = test_named(results[0], "diff:" + expected["term"].get<std::string>() + ":suest");
                EXPECT_CLOSE("suest W", test.stat, expected["stat"].get<double>(), kRtol);
                EXPECT_CLOSE("suest p", test.p, expected["p"].get<double>(), kRtol);
            }
    }
}

TEST(FitBy, PermutationIsExactByEnumeration) {
    const auto reference = testing::read_json(fixture("mechanisms/by_grunfeld.json"))["perm_1935"];
    ModelRequest request;
    request.model = "inv ~ value";
    request.subset = "year == 1935";
    const auto results = fit_by(request, {"big", 1000}, grunfeld_with_groups());
    const auto& test = test_named(results[0], "diff:value:perm");
    EXPECT_TRUE(test.extra["enumerated"].get<bool>());
    EXPECT_EQ(test.extra["reps"].get<std::size_t>(), reference["assignments"].get<std::size_t>());
    EXPECT_CLOSE("observed difference", test.stat, reference["stat"].get<double>(), kRtol);
    // Shares of 252 assignments, exact on both sides; R wrote them with 15 digits.
    EXPECT_NEAR(test.p, reference["p"].get<double>(), 1e-14);
    EXPECT_NEAR(test.extra["p_greater"].get<double>(), reference["p_greater"].get<double>(), 1e-14);
}

TEST(FitBy, RandomPermutationsDoNotDependOnThreads) {
    ModelRequest request;
    request.model = "inv ~ value + capital";
    request.seed = 11;
    request.threads = 1;
    const data::Frame frame = grunfeld_with_groups();
    const auto one = fit_by(request, {"big", 60}, frame);
    request.threads = 2;
    const auto two = fit_by(request, {"big", 60}, frame);
    const auto& a = test_named(one[0], "diff:capital:perm");
    EXPECT_FALSE(a.extra["enumerated"].get<bool>());
    EXPECT_EQ(a.extra["reps"].get<std::size_t>(), 60u);
    EXPECT_EQ(a.p, test_named(two[0], "diff:capital:perm").p);
    EXPECT_EQ(a.extra["p_greater"], test_named(two[0], "diff:capital:perm").extra["p_greater"]);
}

TEST(FitBy, Errors) {
    ModelRequest request;
    request.model = "inv ~ value";
    EXPECT_THROW(fit_by(request, {"nope", 10}, grunfeld_with_groups()), Error);
    request.subset = "firm == 1";
    EXPECT_THROW(fit_by(request, {"big", 10}, grunfeld_with_groups()), Error);  // one group left
}

}  // namespace
}  // namespace gvcpanel::cli
