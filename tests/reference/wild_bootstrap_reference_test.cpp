// The wild cluster bootstrap (--boottest) on plm's Produc clustered by the 9 regions, against our own
// direct R implementation written from the papers (tests/fixtures/wild/wild_produc.R: every weight
// vector refitted, checked equal to the closed form, Webb's 6^9 vectors enumerated) and against
// fwildclusterboot 0.13.0 (tests/fixtures/wild/fwildclusterboot_produc.R). Rademacher weights with
// B = 9999 >= 2^9 are enumerated (512 vectors), so p-values are exact and must agree to rounding.
#include <gtest/gtest.h>

#include <cmath>

#include "cli/run_model.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/test_results.hpp"

namespace gvcpanel::testing {
namespace {

// p-values of 512 enumerated vectors are multiples of 1/512: equal unless a draw is classified
// differently, which would move them by at least 1/512.
constexpr double kEnumeratedP = 1e-12;
// The interval's ends are where the same step function p(r) crosses 0.05; our search (doubling from
// one standard error, 60 bisections) and fwildclusterboot's root finding (tol = 1e-12) both locate
// the step to ~1e-10 relative.
constexpr double kIntervalRtol = 1e-8;
struct Case {
    const char* key;
    const char* model;
    const char* boottest;
};

const Case kCases[] = {
    {"pooled_pcap", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp", "log(pcap)"},
    {"state_unemp", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp | state", "unemp"},
    {"state_pc_emp", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp | state", "log(pc) + log(emp) = 1"},
};

estimators::TestResult boottest(const data::Frame& frame, const Case& c, bool impose, const std::string& weights,
                                std::uint64_t reps) {
    cli::ModelRequest request;
    request.model = c.model;
    request.vcov = "cluster:region";
    request.boottest = {c.boottest};
    request.boot_null = impose ? "impose" : "none";
    request.boot_weights = weights;
    request.boot_reps = reps;
    const auto result = cli::run_model(request, frame);
    return test_named(result.tests, std::string("boottest:") + c.boottest);
}

class WildProduc : public ::testing::TestWithParam<Case> {};

TEST_P(WildProduc, EnumeratedRademacherAgainstOwnRAndFwildclusterboot) {
    const Case& c = GetParam();
    const auto frame = data::read_table(reference_data("produc.csv"));
    const auto own = read_json(fixture("wild/wild_produc.json"));
    const auto peer = read_json(fixture("wild/fwildclusterboot_produc.json"));
    for (const bool impose : {true, false}) {
        const std::string key = std::string(c.key) + (impose ? "_wcr" : "_wcu");
        SCOPED_TRACE(key);
        const auto test = boottest(frame, c, impose, "rademacher", 9999);
        const auto& expected = own.at(key);
        EXPECT_TRUE(test.extra.at("enumerated").get<bool>());
        EXPECT_EQ(test.extra.at("reps").get<int>(), 512);
        EXPECT_CLOSE("t", test.stat, expected.at("stat").get<double>(), kStatRtol);
        const auto& rad = expected.at("rademacher");
        EXPECT_NEAR(test.p, rad.at("p").get<double>(), kEnumeratedP);
        EXPECT_NEAR(test.extra.at("p_equal_tail").get<double>(), rad.at("p_equal_tail").get<double>(), kEnumeratedP);
        EXPECT_CLOSE("ci_low", test.extra.at("ci_low").get<double>(), rad.at("ci_low").get<double>(), kIntervalRtol);
        EXPECT_CLOSE("ci_high", test.extra.at("ci_high").get<double>(), rad.at("ci_high").get<double>(), kIntervalRtol);

        const auto& theirs = peer.at(key).at("rademacher");
        EXPECT_TRUE(theirs.at("full_enumeration").get<bool>());
        EXPECT_NEAR(test.p, theirs.at("p").get<double>(), kEnumeratedP);
        EXPECT_NEAR(test.extra.at("p_equal_tail").get<double>(), theirs.at("p_equal_tail").get<double>(), kEnumeratedP);
        EXPECT_CLOSE("peer ci_low", test.extra.at("ci_low").get<double>(), theirs.at("ci_low").get<double>(), kIntervalRtol);
        EXPECT_CLOSE("peer ci_high", test.extra.at("ci_high").get<double>(), theirs.at("ci_high").get<double>(), kIntervalRtol);
    }
}

// Webb's weights drawn (B = 9999 < 6^9): within Monte Carlo error of the enumerated p-value.
TEST_P(WildProduc, DrawnWebbWithinMonteCarloErrorOfEnumerated) {
    const Case& c = GetParam();
    const auto frame = data::read_table(reference_data("produc.csv"));
    const auto own = read_json(fixture("wild/wild_produc.json"));
    for (const bool impose : {true, false}) {
        const std::string key = std::string(c.key) + (impose ? "_wcr" : "_wcu");
        SCOPED_TRACE(key);
        const auto test = boottest(frame, c, impose, "webb", 9999);
        EXPECT_FALSE(test.extra.at("enumerated").get<bool>());
        const double exact = own.at(key).at("webb").at("p").get<double>();
        // 4 standard errors of a proportion over 9999 draws: fails by chance with probability 6e-5.
        EXPECT_NEAR(test.p, exact, 4.0 * std::sqrt(exact * (1.0 - exact) / 9999.0));
    }
}

INSTANTIATE_TEST_SUITE_P(Reference, WildProduc, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.key); });

}  // namespace
}  // namespace gvcpanel::testing
