#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs `gvcpanel describe ARGS` and captures its exit status and both streams in files under `dir`.
Run describe(const std::string& args, const std::string& dir) {
    const std::string out = dir + "/out.txt", err = dir + "/err.txt";
    const int raw =
        std::system((program() + " describe " + args + " >" + out + " 2>" + err).c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

void expect_contains(const std::string& text, const std::string& part) {
    EXPECT_NE(text.find(part), std::string::npos) << "no '" << part << "' in\n" << text;
}

TEST(DescribeCommand, DescribesGrunfeld) {
    const auto run = describe(
        "--data " + reference_data("grunfeld.csv") + " --panel firm,year", temp_dir());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
    for (const char* part : {"entity firm, time year", "entities            10",
                             "periods             20 (1935 to 1954)", "observations        200",
                             "balanced            yes", "gaps                0",
                             "periods per entity  min 20, mean 20, max 20"})
        expect_contains(run.out, part);
    // xtsum of inv to 7 digits; tests/fixtures/describe/xtsum.R (R 4.2.2): mean 145.95824999999999
    // (so 145.9582), sd 216.87530, between sd 198.82421 (min 3.0845, max 608.02), within sd
    // 106.19864 (min -204.36175, max 1024.63825).
    expect_contains(
        run.out, "inv      overall |   145.9582    216.8753        0.93      1486.7 | N     = 200");
    expect_contains(
        run.out, "         between |               198.8242      3.0845      608.02 | n     = 10");
    expect_contains(
        run.out, "         within  |               106.1986   -204.3618    1024.638 | T     = 20");
}

TEST(DescribeCommand, EntityAlone) {
    const auto run = describe(
        "--data " + reference_data("hedonic.csv") + " --panel townid", temp_dir());
    ASSERT_EQ(run.status, 0) << run.err;
    expect_contains(run.out, "entity townid, no time");
    expect_contains(run.out, "entities            92");
    expect_contains(run.out, "observations        506");
}

TEST(DescribeCommand, MissingFileIsOneClearMessageAndAFailure) {
    const auto run = describe("--data /nonexistent/firms.csv --panel firm,year", temp_dir());
    EXPECT_NE(run.status, 0);
    EXPECT_EQ(run.out, "");
    expect_contains(run.err, "/nonexistent/firms.csv");
    EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << "more than one line:\n" << run.err;
}

TEST(DescribeCommand, DuplicatePairNamesItsLines) {
    const auto dir = temp_dir();
    const auto path = dir + "/dup.csv";
    std::ofstream(path) << "firm,year,x\n1,2001,0.5\n1,2002,0.7\n1,2002,0.9\n2,2001,1.5\n";
    const auto run = describe("--data " + path + " --panel firm,year", dir);
    EXPECT_NE(run.status, 0);
    expect_contains(run.err, "duplicate (firm, year) pair (1, 2002) on lines 3 and 4");
}

TEST(DescribeCommand, BadOrMissingOptionsFail) {
    const auto dir = temp_dir();
    const auto data = "--data " + reference_data("grunfeld.csv");
    EXPECT_NE(describe(data + " --panel firm,year,x", dir).status, 0);
    EXPECT_NE(describe(data, dir).status, 0);
    const auto unknown_column = describe(data + " --panel firm,yaer", dir);
    EXPECT_NE(unknown_column.status, 0);
    expect_contains(unknown_column.err, "year");
}

TEST(DescribeCommand, HelpListsTheOptions) {
    const auto run = describe("--help", temp_dir());
    EXPECT_EQ(run.status, 0);
    expect_contains(run.out, "--data");
    expect_contains(run.out, "--panel");
}

}  // namespace
}  // namespace gvcpanel::testing
