// `gvcpanel demo --print-spec`: the printed batch file runs as it is from an empty folder.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

TEST(DemoCommand, PrintedSpecRunsFromAnEmptyFolder) {
    const auto dir = testing::temp_dir();
    const std::string spec = dir + "/upgrading.toml";
    ASSERT_EQ(std::system((testing::program() + " demo --print-spec > " + spec).c_str()), 0);
    const std::string command = "cd " + dir + " && " + testing::program() +
                                " batch upgrading.toml --out run > log.txt 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream log(dir + "/log.txt");
    std::stringstream text;
    text << log.rdbuf();
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << text.str();
    EXPECT_NE(text.str().find(" 0 failed"), std::string::npos) << text.str();
    EXPECT_TRUE(std::filesystem::exists(dir + "/run/spec_curve.png"));
    EXPECT_TRUE(std::filesystem::exists(dir + "/run/table_upgrading.tex"));
}

}  // namespace
}  // namespace gvcpanel::cli
