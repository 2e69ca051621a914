// `gvcpanel fit --estimator cs` end to end on tests/fixtures/did/staggered_small.csv: the rows and
// tests of an event study in the result JSON, and the user errors of the staggered options.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Outcome {
    int status = -1;
    std::string out, err;
};

Outcome fit(const std::string& options) {
    const std::string dir = temp_dir();
    const std::string command = program() + " fit --data " + fixture("did/staggered_small.csv") + " " + options +
                                " >" + dir + "/out.txt 2>" + dir + "/err.txt";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(dir + "/out.txt"), read_text(dir + "/err.txt")};
}

TEST(FitCallawaySantAnna, EventStudyRowsAndPreTrendTests) {
    const Outcome run = fit("--model \"y ~ x\" --estimator cs --cohort cohort --panel id,year --agg dynamic --format json");
    ASSERT_EQ(run.status, 0) << run.err;
    const auto result = nlohmann::json::parse(run.out);
    EXPECT_EQ(result["estimator"], "cs");
    EXPECT_EQ(result["vcov"], "cluster:id");
    std::vector<std::string> names;
    for (const auto& row : result["coef"]) names.push_back(row["name"]);
    EXPECT_EQ(names, (std::vector<std::string>{"ATT", "event::-4", "event::-3", "event::-2", "event::-1", "event::0",
                                               "event::1", "event::2", "event::3"}));
    std::vector<std::string> tests;
    for (const auto& test : result["tests"]) tests.push_back(test["name"]);
    EXPECT_EQ(tests, (std::vector<std::string>{"pretrend", "pretrend_event"}));
    EXPECT_EQ(result["stats"]["n_units"], 240);
}

TEST(FitCallawaySantAnna, BootstrapBandInTheStatsAndTheSummary) {
    const Outcome json = fit("--model \"y ~ 1\" --estimator cs --cohort cohort --panel id,year --agg group --bootstrap 499 "
                         "--seed 4 --format json");
    ASSERT_EQ(json.status, 0) << json.err;
    const auto result = nlohmann::json::parse(json.out);
    EXPECT_EQ(result["vcov"], "multiplier:499");
    EXPECT_GT(result["stats"]["simultaneous_crit"].get<double>(), 1.96);
    const Outcome text = fit("--model \"y ~ 1\" --estimator cs --cohort cohort --panel id,year --agg group --bootstrap 499 --seed 4");
    EXPECT_NE(text.out.find("Simultaneous 95% band"), std::string::npos) << text.out;
}

TEST(FitCallawaySantAnna, RepeatedCrossSectionsTakeTheirPeriodFromTime) {
    const Outcome run = fit("--model \"y ~ x\" --estimator cs --cohort cohort --time year --agg simple --format json");
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(nlohmann::json::parse(run.out)["stats"]["n_units"], 1440);
}

TEST(FitCallawaySantAnna, UserErrorsSayWhatIsWrong) {
    const std::pair<std::string, std::string> cases[] = {
        {"--model \"y ~ x\" --estimator cs --panel id,year", "needs --cohort"},
        {"--model \"y ~ x | id\" --estimator cs --cohort cohort --panel id,year", "no fixed-effects or IV part"},
        {"--model \"y ~ x\" --estimator cs --cohort cohort --panel id,year --vcov hc1", "influence functions"},
        {"--model \"y ~ x\" --estimator cs --cohort cohort --panel id", "--panel ID,TIME"},
        {"--model \"y ~ x\" --estimator cs --cohort cohort", "--time T"},
        {"--model \"y ~ x\" --estimator cs --cohort cohort --panel id,year --agg event", "none, simple, group"},
        {"--model \"y ~ x\" --estimator cs --cohort cohort --panel id,year --control later", "never"},
        {"--model \"y ~ x\" --estimator cs --cohort cohort --panel id,year --did-method ols", "dr"},
        {"--model \"y ~ x\" --estimator cs --cohort cohort --panel id,year --bootstrap many", "whole number"},
        {"--model \"y ~ x\" --estimator cs --cohort cohort --panel id,year --subset \"cohort > 0\"", "never-treated"},
    };
    for (const auto& [options, message] : cases) {
        const Outcome run = fit(options);
        EXPECT_EQ(run.status, 1) << options;
        EXPECT_NE(run.err.find(message), std::string::npos) << options << "\n" << run.err;
    }
}

}  // namespace
}  // namespace gvcpanel::testing
