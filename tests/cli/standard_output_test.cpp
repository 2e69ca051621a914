// Output that does not reach standard output is an error: every command that prints (a result, a
// description, a table, a batch plan, a help text) sent to /dev/full (every write fails with ENOSPC)
// exits non-zero with a message naming the reason, instead of 0 with nothing written.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/paths.hpp"

namespace gvcpanel::testing {
namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Ran {
    int status = -1;
    std::string err;
};

Ran run_to(const std::string& dir, const std::string& arguments, const std::string& destination) {
    const std::string err = dir + "/err.txt";
    const int raw = std::system((program() + " " + arguments + " >" + destination + " 2>" + err).c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_text(err)};
}

TEST(StandardOutput, AWriteErrorIsAFailureWithItsReason) {
    const std::string dir = temp_dir(), data = dir + "/d.csv", result = dir + "/r.json", spec = dir + "/s.toml";
    std::ofstream(data) << "id,t,y,x\n1,1,1,0\n1,2,3,1\n2,1,2,2\n2,2,5,3\n3,1,4,4\n3,2,4,6\n";
    std::ofstream(spec) << "data = \"d.csv\"\n[[model]]\nformula = \"y ~ x\"\nvcov = [\"iid\", \"hc1\"]\n";
    const std::string fit = "fit --data " + data + " --model \"y ~ x\"";
    ASSERT_EQ(run_to(dir, fit + " --format json", result).status, 0);

    for (const std::string& arguments : std::vector<std::string>{
             fit, fit + " --format json", "describe --data " + data + " --panel id,t", "table " + result,
          "batch " + spec + " --dry-run", "--help", "fit --help", "batch --help", "--version"}) {
        SCOPED_TRACE(arguments);
        ASSERT_EQ(run_to(dir, arguments, "/dev/null").status, 0) << "the command itself must succeed";
        const Ran full = run_to(dir, arguments, "/dev/full");
        EXPECT_EQ(full.status, 1);
        EXPECT_NE(full.err.find("cannot write to standard output: No space left on device"), std::string::npos)
            << full.err;
    }
}

TEST(StandardOutput, AFailedCommandKeepsItsOwnStatusAndMessage) {
    const std::string dir = temp_dir();
    const Ran run = run_to(dir, "fit --data " + dir + "/missing.csv --model \"y ~ x\"", "/dev/full");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("missing.csv"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace gvcpanel::testing
