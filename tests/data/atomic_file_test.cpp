// data::AtomicFile: a file is replaced whole, a failed write leaves the old file and no temporary
// behind, the reason of the failure is the system's (a file-size limit, RLIMIT_FSIZE, gives EFBIG:
// the same short-write-then-error path as a disk filling up, without needing a full disk), special
// files are written directly, links stay links, and killed writers' leftovers are cleaned up.
#include "data/atomic_file.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::size_t files_in(const std::string& dir) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
    return count;
}

TEST(AtomicFile, ReplacesTheFileWholeAndLeavesNothingElse) {
    const auto dir = testing::temp_dir();
    const auto path = dir + "/table.txt";
    write_file(path, "old\n");
    write_file(path, "new and longer\n");
    EXPECT_EQ(read_text(path), "new and longer\n");
    EXPECT_EQ(files_in(dir), 1u);
}

TEST(AtomicFile, NothingAppearsBeforeCommitAndAnUncommittedFileIsRemoved) {
    const auto dir = testing::temp_dir();
    const auto path = dir + "/plot.svg";
    write_file(path, "old");
    {
        AtomicFile file(path);
        file.write("half of a new file");
        EXPECT_EQ(read_text(path), "old");
    }  // destroyed without commit: as when a writer throws
    EXPECT_EQ(read_text(path), "old");
    EXPECT_EQ(files_in(dir), 1u);
}

// In a child process (the limit and the ignored SIGXFSZ stay there): writing more than the limit
// allows fails; the child reports through its exit status what it saw.
TEST(AtomicFile, AFailedWriteKeepsTheOldFileAndReportsTheSystemsReason) {
    const auto dir = testing::temp_dir();
    const auto path = dir + "/summary.csv";
    write_file(path, "old\n");
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{4096, 4096};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        errno = ERANGE;  // a stale errno from elsewhere must not be what is reported
        try {
            write_file(path, std::string(10000, 'x'));
        } catch (const Error& e) {
            const std::string message = e.what();
            ::_exit(message.find(path) != std::string::npos && message.find("File too large") != std::string::npos ? 0 : 2);
        }
        ::_exit(1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: no error; 2: the error did not name the file and EFBIG";
    EXPECT_EQ(read_text(path), "old\n");
    EXPECT_EQ(files_in(dir), 1u) << "the temporary file must be removed";
}

TEST(AtomicFile, AFullDeviceIsWrittenDirectlyAndItsErrorReported) {
    try {
        write_file("/dev/full", "x");
        FAIL() << "writing to /dev/full must fail";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("No space left on device"), std::string::npos) << e.what();
    }
    EXPECT_NO_THROW(write_file("/dev/null", "x"));
}

TEST(AtomicFile, ALinkStaysALinkToTheNewFile) {
    const auto dir = testing::temp_dir();
    write_file(dir + "/real.txt", "old");
    std::filesystem::create_symlink("real.txt", dir + "/link.txt");
    write_file(dir + "/link.txt", "new");
    EXPECT_TRUE(std::filesystem::is_symlink(dir + "/link.txt"));
    EXPECT_EQ(read_text(dir + "/real.txt"), "new");
}

TEST(AtomicFile, MissingFolderOrAFolderInTheWayIsNamed) {
    const auto dir = testing::temp_dir();
    try {
        write_file(dir + "/no/such/out.txt", "x");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("the folder '" + dir + "/no/such' does not exist"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(write_file(dir, "x"), Error);
}

TEST(AtomicFile, LeftoversOfDeadWritersAreRemovedAndLiveOnesKept) {
    const auto dir = testing::temp_dir();
    const pid_t child = ::fork();  // a process that is surely dead afterwards
    ASSERT_GE(child, 0);
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    const std::string dead = dir + "/.table.txt." + std::to_string(child) + ".0.tmp";
    const std::string live = dir + "/.table.txt." + std::to_string(::getppid()) + ".0.tmp";
    for (const auto& path : {dead, live, dir + "/.hidden", dir + "/table.txt"}) std::ofstream(path) << "x";
    EXPECT_EQ(remove_stale_temporaries(dir), 1u);
    EXPECT_FALSE(std::filesystem::exists(dead));
    EXPECT_TRUE(std::filesystem::exists(live));
    EXPECT_EQ(files_in(dir), 3u);
}

}  // namespace
}  // namespace gvcpanel::data
