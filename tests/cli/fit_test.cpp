// `gvcpanel fit` options that belong to the command rather than to an estimator.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

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

}  // namespace
}  // namespace gvcpanel::testing
