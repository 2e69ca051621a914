// The result store: whole lines survive, a torn last line is ignored on reading and cut off before
// the next append, a later line for the same id replaces the earlier one, and a write that the
// disk stops half-way reports the system's reason (not a stale errno) and leaves no partial line.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "cli/batch_store.hpp"
#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

TEST(BatchStore, TornLastLineIsIgnoredAndCutOff) {
    const std::string path = testing::temp_dir() + "/results.jsonl";
    std::ofstream(path) << "{\"id\":\"a\",\"coef\":[]}\n{\"id\":\"b\",\"co";
    EXPECT_EQ(read_store(path).size(), 1u);
    {
        ResultStore store(path);
        store.append({{"id", "b"}, {"coef", nlohmann::ordered_json::array()}});
    }
    const auto lines = read_store(path);
    EXPECT_EQ(lines.size(), 2u);
    EXPECT_TRUE(lines.count("b"));
}

TEST(BatchStore, LaterLineForAnIdWins) {
    const std::string path = testing::temp_dir() + "/results.jsonl";
    {
        ResultStore store(path);
        store.append({{"id", "a"}, {"error", "collinear"}});
        store.append({{"id", "a"}, {"coef", nlohmann::ordered_json::array()}});
    }
    const auto lines = read_store(path);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_FALSE(lines.at("a").contains("error"));
}

// A file-size limit (RLIMIT_FSIZE, in a child process) stops the line part-way: write() returns a
// short count and sets no errno, and the rest fails with EFBIG. A full disk does the same with
// ENOSPC; the store used to report whatever errno held before (ERANGE from a number parsed earlier).
TEST(BatchStore, AWriteStoppedPartWayReportsTheRealReasonAndLeavesWholeLines) {
    const std::string path = testing::temp_dir() + "/results.jsonl";
    std::ofstream(path) << "{\"id\":\"a\",\"coef\":[]}\n";
    const auto before = std::filesystem::file_size(path);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{before + 100, before + 100};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            ResultStore store(path);
            errno = ERANGE;
            store.append({{"id", "b"}, {"error", std::string(1000, 'x')}});
        } catch (const Error& e) {
            const std::string message = e.what();
            ::_exit(message.find("File too large") != std::string::npos ? 0 : 2);
        }
        ::_exit(1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: no error; 2: the error did not say 'File too large'";
    EXPECT_EQ(std::filesystem::file_size(path), before) << "the partial line must be cut off";
    EXPECT_EQ(read_store(path).size(), 1u);
}

TEST(BatchStore, AFullDiskIsReportedAsSuch) {
    ResultStore store("/dev/full");
    try {
        store.append({{"id", "a"}});
        FAIL() << "appending to /dev/full must fail";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("No space left on device"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace gvcpanel::cli
