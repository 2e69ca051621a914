// `gvcpanel fit` options that belong to the command rather than to an estimator.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(FitCommand, TimingGoesToStandardErrorAndLeavesTheResultAlone) {
    const std::string dir = temp_dir(), data = dir + "/d.csv";
    std::ofstream(data) << "y,x\n1,0\n3,1\n2,2\n5,3\n4,4\n";
    const std::string fit = program() + " fit --data " + data + " --model \"y ~ x\" --format json";
    ASSERT_EQ(std::system((fit + " >" + dir + "/plain.json").c_str()), 0);
    const int status = std::system((fit + " --timing >" + dir + "/timed.json 2>" + dir + "/err.txt").c_str());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_EQ(read_text(dir + "/timed.json"), read_text(dir + "/plain.json"));
    const std::string err = read_text(dir + "/err.txt");
    EXPECT_TRUE(std::regex_match(err, std::regex("timing: read [0-9.e-]+ s \\(5 rows\\), estimate [0-9.e-]+ s\n")))
        << err;
}

struct Run {
    int status = -1;
    std::string out, err;
};

// Runs `gvcpanel ARGUMENTS` with its output and errors captured in files of `dir`.
Run run(const std::string& arguments, const std::string& dir) {
    Run r;
    const int status = std::system((program() + " " + arguments + " >" + dir + "/out 2>" + dir + "/err").c_str());
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text(dir + "/out");
    r.err = read_text(dir + "/err");
    return r;
}

TEST(FitCommand, BetaAndTheOutcomeMeanInTheResult) {
    const std::string dir = temp_dir();
    const std::string grunfeld = reference_data("grunfeld.csv");
    const auto fit = run("fit --data " + grunfeld + " --model \"inv ~ value + capital\" --beta --format json", dir);
    ASSERT_EQ(fit.status, 0) << fit.err;
    const auto json = nlohmann::json::parse(fit.out);
    EXPECT_FALSE(json.at("coef").at(0).contains("beta")) << "the intercept has none";
    EXPECT_TRUE(json.at("coef").at(1).contains("beta"));
    // R 4.2: mean(read.csv("grunfeld.csv")$inv) = 145.95824999999999 (200 rows).
    EXPECT_TRUE(close("y_mean", json.at("stats").at("y_mean").get<double>(), 145.95824999999999, 1e-15));
    const auto text = run("fit --data " + grunfeld + " --model \"inv ~ value + capital\" --beta", dir);
    EXPECT_NE(text.out.find("Beta"), std::string::npos) << text.out;
    const auto refused = run("fit --data " + grunfeld + " --model \"inv ~ value\" --estimator poisson --beta", dir);
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("--beta"), std::string::npos) << refused.err;
}

TEST(FitCommand, FirstStageAndReducedFormAreExtraModels) {
    const std::string dir = temp_dir();
    const std::string data = reference_data("cigarettessw.csv");
    const std::string model = "--model \"log(packs) ~ log(rincome) | state + year | log(rprice) ~ tdiff + rtax\"";
    const auto fit =
        run("fit --data " + data + " " + model + " --vcov cluster:state --first-stage --reduced-form --format json", dir);
    ASSERT_EQ(fit.status, 0) << fit.err;
    const auto json = nlohmann::json::parse(fit.out);
    ASSERT_TRUE(json.is_array());
    ASSERT_EQ(json.size(), 3u);
    EXPECT_FALSE(json[0].contains("stage"));
    EXPECT_EQ(json[0].at("estimator"), "2sls");
    EXPECT_EQ(json[1].at("stage"), "first_stage");
    EXPECT_EQ(json[1].at("outcome"), "log(rprice)");
    EXPECT_EQ(json[2].at("stage"), "reduced_form");
    const auto table = run("fit --data " + data + " " + model + " --first-stage --format md", dir);
    EXPECT_NE(table.out.find("First stage"), std::string::npos) << table.out;
    const auto refused = run("fit --data " + data + " --model \"log(packs) ~ tdiff\" --first-stage", dir);
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("--first-stage: the formula has no IV part"), std::string::npos) << refused.err;
}

TEST(FitCommand, SavePredictionsWritesOneLinePerDataRow) {
    const std::string dir = temp_dir(), data = dir + "/d.csv", predictions = dir + "/p.csv";
    std::ofstream(data) << "id,t,y,x\n1,1,1,0\n1,2,3,1\n2,1,2,\n2,2,5,3\n3,1,4,4\n3,2,6,2\n";
    const auto fit = run("fit --data " + data + " --panel id,t --model \"y ~ x\" --save-predictions " + predictions, dir);
    ASSERT_EQ(fit.status, 0) << fit.err;
    const std::string text = read_text(predictions);
    EXPECT_EQ(text.substr(0, text.find('\n')), "row,id,t,in_sample,fitted,residual");
    EXPECT_NE(text.find("\n3,2,1,0,,\n"), std::string::npos) << "the row with a missing x: marked, empty\n" << text;
    const auto refused = run("fit --data " + data + " --panel id,t --model \"y ~ x\" --estimator fd --save-predictions " +
                             predictions + "2", dir);
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("not offered for --estimator fd"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace gvcpanel::testing
