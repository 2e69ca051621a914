// `gvcpanel test moran` and `gvcpanel test lm_lag lm_error rlm_lag rlm_error` as a user runs them,
// against spdep 1.2-7 moran.test and splm 1.6-5 slmtest (tests/fixtures/spatial/
// make_spatial_tests_fixtures.R): the panel of our own, and Produc with usaww (../shared).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/run_program.hpp"

namespace gvcpanel::testing {
namespace {

// Closed forms, printed with 17 digits: 1e-10 (the values are ~1e0-1e2, the sums exact to ~1e-14).
constexpr double kClosedFormRtol = 1e-10;
// The LM statistics square e'W y / s2, a sum that cancels heavily where the statistic is small (pooled
// Produc: lm_lag 0.117, 9.6 digits matched): 1e-8.
constexpr double kLmRtol = 1e-8;

const nlohmann::json& peer() {
    static const auto json = read_json(fixture("spatial/spatial_tests_reference.json"));
    return json;
}

nlohmann::json run_tests(const std::string& args) {
    const auto run = run_program("test " + args + " --format json");
    EXPECT_EQ(run.status, 0) << run.err;
    return run.status == 0 ? nlohmann::json::parse(run.out).at("tests") : nlohmann::json::array();
}

TEST(TestSpatial, MoranByPeriodAndPooled) {
    const auto tests = run_tests("moran --data " + fixture("spatial/sim_panel.csv") + " --panel id,year --variable y --spatial " +
                                 fixture("spatial/knn4_w.csv"));
    ASSERT_EQ(tests.size(), 7u);
    EXPECT_EQ(tests[0].at("name"), "moran:2001");
    EXPECT_CLOSE("moran:2001", tests[0].at("stat").get<double>(), peer().at("sim_y_2001").at("I").get<double>(), kClosedFormRtol);
    EXPECT_EQ(tests[6].at("name"), "moran");
    EXPECT_CLOSE("moran", tests[6].at("stat").get<double>(), peer().at("sim_y_pooled").at("I").get<double>(), kClosedFormRtol);
    EXPECT_CLOSE("moran variance", tests[6].at("variance").get<double>(), peer().at("sim_y_pooled").at("variance").get<double>(),
                 kClosedFormRtol);
    EXPECT_CLOSE("moran z", tests[6].at("z").get<double>(), peer().at("sim_y_pooled").at("z").get<double>(), kClosedFormRtol);
}

TEST(TestSpatial, MoranOfProducAsSpdep) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const auto tests = run_tests("moran --data " + reference_data("produc.csv") + " --panel state,year --variable \"log(gsp)\" --spatial " +
                                 shared_data("wave2/usaww.csv"));
    ASSERT_EQ(tests.size(), 18u);
    EXPECT_CLOSE("moran:1970", tests[0].at("stat").get<double>(), peer().at("produc_lgsp_1970").at("I").get<double>(), kClosedFormRtol);
    EXPECT_CLOSE("moran:1970 z", tests[0].at("z").get<double>(), peer().at("produc_lgsp_1970").at("z").get<double>(), kClosedFormRtol);
    EXPECT_CLOSE("moran pooled z", tests[17].at("z").get<double>(), peer().at("produc_lgsp_pooled").at("z").get<double>(), kClosedFormRtol);
}

TEST(TestSpatial, LmTestsAsSlmtest) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const std::string data = " --data " + reference_data("produc.csv") + " --panel state,year --spatial " + shared_data("wave2/usaww.csv");
    const std::string formula = "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp";
    const auto pooled = run_tests("lm_lag lm_error rlm_lag rlm_error" + data + " --model \"" + formula + "\"");
    const auto within = run_tests("lm_lag lm_error rlm_lag rlm_error" + data + " --model \"" + formula + " | state\"");
    ASSERT_EQ(pooled.size(), 4u);
    ASSERT_EQ(within.size(), 4u);
    for (std::size_t j = 0; j < 4; ++j) {
        const std::string name = pooled[j].at("name");
        EXPECT_CLOSE("pooling " + name, pooled[j].at("stat").get<double>(), peer().at("produc_lm_pooling")[j].get<double>(), kLmRtol);
        EXPECT_CLOSE("within " + name, within[j].at("stat").get<double>(), peer().at("produc_lm_within")[j].get<double>(), kLmRtol);
    }
}

TEST(TestSpatial, RefusesMixedOrIncompleteRequests) {
    const std::string data = " --data " + fixture("spatial/sim_panel.csv") + " --panel id,year --spatial " + fixture("spatial/knn4_w.csv");
    auto r = run_program("test moran lm_lag" + data + " --variable y");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("moran is asked alone"), std::string::npos) << r.err;
    r = run_program("test moran" + data);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("needs --variable"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gvcpanel::testing
