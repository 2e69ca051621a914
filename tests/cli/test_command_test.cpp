// `gvcpanel test NAME...` as a user runs it: each test on its own fit or on --estimator's, against
// the plm 2.6-2 values of tests/fixtures/plm/panel_tests_crime.json (make_panel_tests_fixtures.R
// records the calls); an unknown name is an error listing the names.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/run_program.hpp"

namespace gvcpanel::testing {
namespace {

// The result JSON holds 17 significant digits and R's fixtures 15: the 1e-8 for coefficients
// and 1e-6 for statistics.
constexpr double kStatisticRtol = 1e-6;

nlohmann::json plm(const std::string& name) { return read_json(fixture("plm/" + name + ".json")); }

TEST(TestCommand, NamedTestsEachOnItsFit) {
    const auto r = run_program("test bsy_lm_joint ghm wooldridge_fd_fe pesaran_cd --estimator re --effect twoways --data " +
                       reference_data("crime.csv") + " --panel county,year --format json "
                       "--model \"lcrmrte ~ lprbarr + lprbconv + lprbpris + lavgsen + lpolpc\"");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto tests = nlohmann::json::parse(r.out).at("tests");
    const auto peer = plm("panel_tests_crime").at("tests");
    ASSERT_EQ(tests.size(), 4u);
    const std::pair<const char*, const char*> expected[] = {
        {"bsy_lm_joint", "pooled OLS"}, {"ghm", "pooled OLS"}, {"wooldridge_fd_fe", "first differences"},
        {"pesaran_cd", "random effects"}};
    // pesaran_cd on the two-way random-effects fit has no fixture; its one-way value is checked below.
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(tests[i].at("name"), expected[i].first);
        EXPECT_EQ(tests[i].at("fit"), expected[i].second);
        EXPECT_CLOSE(expected[i].first, tests[i].at("stat").get<double>(),
                     peer.at(expected[i].first).at("stat").get<double>(), kStatisticRtol);
    }
    EXPECT_EQ(tests[3].at("fit"), "random effects");

    const auto one_way = run_program("test pesaran_cd bg_serial --estimator re --data " + reference_data("crime.csv") +
                             " --panel county,year --format json "
                             "--model \"lcrmrte ~ lprbarr + lprbconv + lprbpris + lavgsen + lpolpc\"");
    ASSERT_EQ(one_way.status, 0) << one_way.err;
    const auto re_tests = nlohmann::json::parse(one_way.out).at("tests");
    EXPECT_CLOSE("pesaran_cd", re_tests[0].at("stat").get<double>(),
                 peer.at("pesaran_cd_random").at("stat").get<double>(), kStatisticRtol);
    EXPECT_CLOSE("bg_serial", re_tests[1].at("stat").get<double>(), peer.at("bg_serial_random").at("stat").get<double>(),
                 kStatisticRtol);
}

TEST(TestCommand, UnknownTestListsTheNames) {
    const auto r = run_program("test pwtest --data " + reference_data("crime.csv") + " --panel county,year --model \"lcrmrte ~ lprbarr\"");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("wooldridge_unobserved"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gvcpanel::testing
