// The WRE wild bootstrap of 2SLS (--estimator 2sls --boottest) on plm's Produc clustered by the 9
// regions, against our own direct R implementation written from Davidson and MacKinnon (2010)
// (tests/fixtures/wild/wre_produc.R: every enumerated weight vector turned into a bootstrap sample of
// both equations and refitted by 2SLS; fwildclusterboot runs its IV bootstrap only through Julia).
// Rademacher weights with B = 9999 >= 2^9 are enumerated (512 vectors), so the p-values are exact.
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
// The interval's ends are where the step function p(r) crosses 0.05, i.e. where some t*(r) crosses
// t(r): both searches (doubling from one standard error, then 40 (ours) or 60 (R) bisections) find
// that root, but the rounding of the two refits (~1e-13 in t) moves it by rounding / slope, which a
// shallow crossing amplifies (seen: 8e-10 of the width). Compared absolutely, to 1e-8 of the width.
constexpr double kIntervalWidthTol = 1e-8;
// 2SLS coefficients and the t statistic: QR-based fits of the same data in both.
constexpr double kCoefRtol = 1e-9;

struct Case {
    const char* key;
    const char* model;
    const char* boottest;
};

const Case kCases[] = {
    {"pooled_pcap", "log(gsp) ~ log(pc) + log(emp) + unemp | log(pcap) ~ log(hwy) + log(water)", "log(pcap)"},
    {"pooled_pc", "log(gsp) ~ log(pc) + log(emp) + unemp | log(pcap) ~ log(hwy) + log(water)", "log(pc)"},
    {"state_pcap", "log(gsp) ~ log(pc) + log(emp) + unemp | state | log(pcap) ~ log(hwy) + log(water)", "log(pcap)"},
    {"state_pc_pcap", "log(gsp) ~ log(pc) + log(emp) + unemp | state | log(pcap) ~ log(hwy) + log(water)",
     "log(pc) + log(pcap) = 1"},
};

class WreProduc : public ::testing::TestWithParam<Case> {};

TEST_P(WreProduc, EnumeratedRademacherAgainstOwnR) {
    const Case& c = GetParam();
    const auto frame = data::read_table(reference_data("produc.csv"));
    const auto reference = read_json(fixture("wild/wre_produc.json"));
    for (const bool impose : {true, false}) {
        const std::string key = std::string(c.key) + (impose ? "_wre" : "_wue");
        SCOPED_TRACE(key);
        cli::ModelRequest request;
        request.model = c.model;
        request.estimator = "2sls";
        request.vcov = "cluster:region";
        request.boottest = {c.boottest};
        request.boot_null = impose ? "impose" : "none";
        const auto result = cli::run_model(request, frame);
        const auto& expected = reference.at(key);
        const auto& coef = expected.at("coef");
        for (const auto& row : result.coef) EXPECT_CLOSE(row.name, row.estimate, coef.at(row.name).get<double>(), kCoefRtol);
        const auto& test = test_named(result.tests, std::string("boottest:") + c.boottest);
        EXPECT_TRUE(test.extra.at("enumerated").get<bool>());
        EXPECT_EQ(test.extra.at("reps").get<int>(), 512);
        EXPECT_CLOSE("t", test.stat, expected.at("stat").get<double>(), kCoefRtol);
        EXPECT_NEAR(test.p, expected.at("p").get<double>(), kEnumeratedP);
        EXPECT_NEAR(test.extra.at("p_equal_tail").get<double>(), expected.at("p_equal_tail").get<double>(), kEnumeratedP);
        const double low = expected.at("ci_low").get<double>(), high = expected.at("ci_high").get<double>();
        EXPECT_NEAR(test.extra.at("ci_low").get<double>(), low, kIntervalWidthTol * (high - low));
        EXPECT_NEAR(test.extra.at("ci_high").get<double>(), high, kIntervalWidthTol * (high - low));
    }
}

INSTANTIATE_TEST_SUITE_P(Reference, WreProduc, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.key); });

}  // namespace
}  // namespace gvcpanel::testing
