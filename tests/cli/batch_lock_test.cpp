// One batch at a time per output folder: while the folder's lock is held (here by the test itself,
// standing in for a running batch), a batch on it stops at once with exit status 1, naming the
// holder (pid, host, start time) and writing nothing; once the lock is released it runs.
#include "cli/batch_lock.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <string>

#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int run_batch(const std::string& arguments, const std::string& err) {
    const int status = std::system((testing::program() + " batch " + arguments + " >/dev/null 2>" + err).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(BatchLock, ASecondBatchOnTheSameFolderStopsAndNamesTheHolder) {
    const auto dir = testing::temp_dir();
    std::ofstream(dir + "/d.csv") << "y,x\n1,0\n3,1\n2,2\n5,3\n4,4\n";
    std::ofstream(dir + "/s.toml") << "data = \"d.csv\"\n[[model]]\nformula = \"y ~ x\"\n";
    const std::string out = dir + "/out", err = dir + "/err.txt";
    std::filesystem::create_directories(out);
    std::optional<OutputFolderLock> held(std::in_place, out);

    EXPECT_EQ(run_batch(dir + "/s.toml --out " + out, err), 1);
    const std::string message = read_text(err);
    EXPECT_TRUE(std::regex_search(message, std::regex("is in use by another batch: pid " + std::to_string(::getpid()) +
                                                      " on host [^,]+, started [0-9]{4}-[0-9]{2}-[0-9]{2}T")))
        << message;
    EXPECT_FALSE(std::filesystem::exists(out + "/results.jsonl"));
    EXPECT_EQ(run_batch(dir + "/s.toml --out " + out + " --dry-run", err), 0) << "a dry run writes nothing to OUT";

    held.reset();
    EXPECT_EQ(run_batch(dir + "/s.toml --out " + out, err), 0) << read_text(err);
    EXPECT_TRUE(std::filesystem::exists(out + "/results.jsonl"));
}

TEST(BatchLock, TheLockIsTheFoldersNotTheProcesss) {
    const auto dir = testing::temp_dir();
    const OutputFolderLock first(dir);
    EXPECT_THROW(OutputFolderLock{dir}, Error) << "a second holder in the same process is refused too";
    std::filesystem::create_directories(dir + "/other");
    EXPECT_NO_THROW(OutputFolderLock{dir + "/other"}) << "another folder has its own lock";
}

}  // namespace
}  // namespace gvcpanel::cli
