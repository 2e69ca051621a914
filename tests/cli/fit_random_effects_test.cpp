// `gvcpanel fit --estimator re` as a user runs it (issue 16): groups without time (`--panel ID`) and an
// IV part with --re-iv, against the plm 2.6-2 values of tests/fixtures/plm (make_plm_fixtures.R and
// make_re_iv_fixtures.R record the calls); the errors for --re-iv without an IV part or without re.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/run_program.hpp"

namespace gvcpanel::testing {
namespace {

// The result JSON holds 17 significant digits and R's fixtures 15: the 1e-8 for coefficients
// and 1e-6 for standard errors.
constexpr double kStatisticRtol = 1e-6;

nlohmann::json plm(const std::string& name) { return read_json(fixture("plm/" + name + ".json")); }

TEST(FitRandomEffects, TownsWithoutTime) {
    const auto r = run_program("fit --data " + reference_data("hedonic.csv") + " --panel townid --estimator re "
                       "--re-method walhus --format json --model \"mv ~ crim + zn + indus + chas + nox + rm + age + "
                       "dis + rad + tax + ptratio + blacks + lstat\"");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto result = nlohmann::json::parse(r.out);
    const auto peer = plm("hedonic_random_walhus");
    for (const auto& row : result.at("coef")) {
        const std::string name = row.at("name") == "chas::yes" ? "chasyes" : row.at("name").get<std::string>();
        EXPECT_CLOSE(name, row.at("estimate").get<double>(), peer.at("coef").at(name).get<double>(), kCoefRtol);
    }
}

TEST(FitRandomEffects, InstrumentalVariablesByEc2sls) {
    const auto r = run_program("fit --data " + reference_data("empluk.csv") + " --panel firm,year --estimator re "
                       "--re-iv baltagi --re-method amemiya --vcov cluster:firm --ssc plm --format json "
                       "--model \"log(emp) ~ log(capital) | log(wage) ~ log(output)\"");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto result = nlohmann::json::parse(r.out);
    const auto peer = plm("empluk_re_iv_baltagi_amemiya");
    EXPECT_EQ(result.at("stats").at("re_iv"), "baltagi");
    for (const auto& row : result.at("coef")) {
        const std::string name = row.at("name");
        EXPECT_CLOSE(name, row.at("estimate").get<double>(), peer.at("coef").at(name).get<double>(), kCoefRtol);
        EXPECT_CLOSE(name + " se", row.at("se").get<double>(), peer.at("se").at("arellano_sss").at(name).get<double>(),
                     kStatisticRtol);
    }
}

TEST(FitRandomEffects, ReIvNeedsAnIvPartAndRe) {
    const std::string data = " --data " + reference_data("empluk.csv") + " --panel firm,year --re-iv bvk";
    auto r = run_program("fit" + data + " --estimator re --model \"log(emp) ~ log(wage)\"");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("has no IV part"), std::string::npos) << r.err;
    r = run_program("fit" + data + " --model \"log(emp) ~ log(capital) | log(wage) ~ log(output)\"");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("--re-iv applies to --estimator re"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gvcpanel::testing
