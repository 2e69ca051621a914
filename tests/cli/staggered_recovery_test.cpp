// The simulated panel's staggered policy (data/simulate_staggered.cpp) on the default seed-1 panel
// (2,000 firms, 2001-2016, unbalanced): each robust estimator's recovery formula in the truth file
// (Callaway-Sant'Anna's ATT(g,t), the imputation estimator's ATT and horizons, Sun-Abraham's
// cells) recovers every true value within 3 standard errors, and two-way fixed effects does not
// recover the ATT.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

// The bar; on this fixed panel about 150 parameters pass it, so a failure is a bias.
constexpr double kRecoverySe = 3.0;

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

nlohmann::json fit(const std::string& dir, const std::string& estimator, const std::string& formula,
                   const std::string& options, const std::string& name) {
    const std::string command = "cd " + dir + " && " + program() + " fit --data panel.csv --estimator " + estimator +
                                " --model \"" + formula + "\" " + options + " --format json --out " + name +
                                ".json 2>" + name + ".err";
    const int status = std::system(command.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command << "\n" << slurp(dir + "/" + name + ".err");
    return read_json(dir + "/" + name + ".json");
}

const nlohmann::json& row(const nlohmann::json& result, const std::string& name) {
    for (const auto& r : result["coef"])
        if (r["name"] == name) return r;
    ADD_FAILURE() << "no row " << name;
    static const nlohmann::json none = {{"estimate", 0.0}, {"se", 1.0}};
    return none;
}

TEST(StaggeredRecovery, RobustEstimatorsRecoverTheTruthAndTwoWayFixedEffectsDoesNot) {
    const std::string dir = temp_dir();
    ASSERT_EQ(std::system(("cd " + dir + " && " + program() + " simulate --out panel.csv >/dev/null 2>&1").c_str()), 0);
    const auto policy = read_json(dir + "/panel.truth.json")["staggered_policy"];
    ASSERT_EQ(policy["robust"].size(), 3u);
    std::size_t checked = 0;
    for (std::size_t k = 0; k < policy["robust"].size(); ++k) {
        const auto& recovery = policy["robust"][k]["recovered_by"];
        SCOPED_TRACE(recovery["estimator"].get<std::string>() + " " + recovery["formula"].get<std::string>());
        const auto result = fit(dir, recovery["estimator"], recovery["formula"], recovery["options"], "robust" + std::to_string(k));
        for (const auto& [name, truth] : recovery["parameters"].items()) {
            const auto& r = row(result, name);
            const double estimate = r["estimate"].get<double>(), se = r["se"].get<double>();
            EXPECT_LE(std::abs(estimate - truth.get<double>()), kRecoverySe * se)
                << name << ": estimate " << estimate << ", truth " << truth << ", se " << se;
            ++checked;
        }
    }
    EXPECT_GT(checked, 100u);
    // The ATT over the treated observations the imputation estimator uses.
    const double att = policy["robust"][1]["recovered_by"]["parameters"]["ATT"].get<double>();
    const auto twfe = fit(dir, policy["biased"]["estimator"], policy["biased"]["formula"], "--vcov cluster:firm", "twfe");
    const auto& zone = row(twfe, "zone");
    EXPECT_GT(std::abs(zone["estimate"].get<double>() - att), kRecoverySe * zone["se"].get<double>())
        << "two-way fixed effects " << zone["estimate"] << " (se " << zone["se"] << ") against the ATT " << att;
}

}  // namespace
}  // namespace gvcpanel::testing
