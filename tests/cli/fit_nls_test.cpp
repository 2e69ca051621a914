// `gvcpanel fit --estimator nls` as a user runs it on NIST StRD Lanczos1, the data written as CSV
// with NIST's decimals: the standard deviations (residual SD 1.1e-13 on |y| ~ 1) reach the
// certified ones only when the reader keeps what each number lost to double and nls refines in
// long double.
// Certified values and starts: ../shared/data/nist/certified.json.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

// The issue asks for the certified parameters and standard deviations to 6 digits.
constexpr double kNistRtol = 1e-6;

// Lanczos1.dat's data lines, "y x" in NIST's decimals, written as CSV text unchanged.
std::string lanczos1_csv(const nlohmann::json& problem) {
    std::ifstream in(shared_data("nist/" + problem["file"].get<std::string>()));
    const int first = problem["data_lines"][0], last = problem["data_lines"][1];
    std::string csv = "y,x\n", line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (number < first || number > last) continue;
        std::istringstream fields(line);
        std::string y, x;
        fields >> y >> x;
        csv += y + "," + x + "\n";
    }
    return csv;
}

std::string start_option(const nlohmann::json& problem, const char* start_key) {
    std::string start;
    for (std::size_t j = 0; j < problem["param_names"].size(); ++j)
        start += (j ? "," : "") + problem["param_names"][j].get<std::string>() + "=" +
                 problem[start_key][j].dump();
    return start;
}

TEST(FitNls, Lanczos1StandardDeviationsMatchNistFromBothStarts) {
    GVCPANEL_REQUIRE_SHARED("nist");
    const auto problem = read_json(shared_data("nist/certified.json"))["Lanczos1"];
    const std::string dir = temp_dir(), data = dir + "/lanczos1.csv", out = dir + "/out.json";
    std::ofstream(data) << lanczos1_csv(problem);
    for (const char* start_key : {"start1", "start2"}) {
        const std::string command = program() + " fit --data " + data +
                                    " --estimator nls --format json --model \"y ~ b1*exp(-b2*x) + "
                                    "b3*exp(-b4*x) + b5*exp(-b6*x)\" --start " +
                                    start_option(problem, start_key) + " >" + out;
        const int status = std::system(command.c_str());
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
        const auto result = read_json(out);
        ASSERT_EQ(result["coef"].size(), 6u);
        for (std::size_t j = 0; j < 6; ++j) {
            const std::string what =
                std::string(start_key) + " " + result["coef"][j]["name"].get<std::string>();
            EXPECT_CLOSE(what, result["coef"][j]["estimate"].get<double>(),
                         problem["certified"]["coef"][j].get<double>(), kNistRtol);
            EXPECT_CLOSE(what + " sd", result["coef"][j]["se"].get<double>(),
                         problem["certified"]["sd"][j].get<double>(), kNistRtol);
        }
    }
}

TEST(FitNls, AStartWhereTheModelOverflowsIsOneClearError) {
    // exp(300 x) overflows for every x >= 3 at the start and every step Ceres tries from there.
    const std::string dir = temp_dir(), data = dir + "/d.csv", err = dir + "/err.txt";
    std::ofstream(data) << "y,x\n1,1\n2,2\n4,3\n8,4\n";
    const std::string command = program() + " fit --data " + data +
                                " --estimator nls --model \"y ~ b1*exp(b2*x)\" --start b1=1,b2=300 >/dev/null 2>" + err;
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    std::ifstream in(err);
    const std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(message.find("from the start b1=1,b2=300"), std::string::npos) << message;
    EXPECT_NE(message.find("try start values nearer the solution"), std::string::npos) << message;
    EXPECT_EQ(message.find("ResidualBlock"), std::string::npos) << "Ceres' glog output reached the user: " << message;
    EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 1) << message;
}

}  // namespace
}  // namespace gvcpanel::testing
