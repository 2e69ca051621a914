// `gvcpanel fit --estimator nls` as a user runs it on NIST StRD Lanczos1, the data written as CSV
// with NIST's decimals: the standard deviations (residual SD 1.1e-13 on |y| ~ 1) reach the
// certified ones only when the reader keeps what each number lost to double and nls refines in
// long double.
// Certified values and starts: ../shared/data/nist/certified.json.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
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

}  // namespace
}  // namespace gvcpanel::testing
