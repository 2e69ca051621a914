#include "data/input_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

std::string error_of(const std::string& path, double wait = InputFile::kFifoWaitSeconds) {
    try {
        InputFile file(path, wait);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

std::string pattern(std::size_t size) {
    std::string content(size, 'a');
    for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>('a' + i % 26);
    return content;
}

// Writes `content` into a pipe from another thread and returns the read end.
class PipeWriter {
public:
    explicit PipeWriter(std::string content) : content_(std::move(content)) {
        if (::pipe(fds_) != 0) ADD_FAILURE() << "pipe() failed";
        writer_ = std::thread([this] {
            std::size_t done = 0;
            while (done < content_.size()) {
                const ssize_t n = ::write(fds_[1], content_.data() + done, content_.size() - done);
                if (n <= 0) break;
                done += static_cast<std::size_t>(n);
            }
            ::close(fds_[1]);
        });
    }
    ~PipeWriter() {
        writer_.join();
        ::close(fds_[0]);
    }
    int read_end() const { return fds_[0]; }

private:
    std::string content_;
    int fds_[2] = {-1, -1};
    std::thread writer_;
};

TEST(InputFile, MapsARegularFileAndReadsItAgainAfterRelease) {
    const std::string path = testing::temp_dir() + "/pages.bin";
    const std::string content = pattern(3 * 4096 + 100);
    std::ofstream(path, std::ios::binary) << content;
    const InputFile file(path);
    ASSERT_EQ(file.size(), content.size());
    EXPECT_EQ(std::string(file.begin(), file.end()), content);
    file.release(file.begin(), file.end());
    EXPECT_EQ(std::string(file.begin(), file.end()), content);
    EXPECT_EQ(file.name(), path);
}

TEST(InputFile, EmptyFileHasSizeZero) {
    const std::string path = testing::temp_dir() + "/empty.bin";
    std::ofstream(path, std::ios::binary).flush();
    EXPECT_EQ(InputFile(path).size(), 0u);
}

TEST(InputFile, MissingFileDirectoryAndDeviceAreErrorsNamingThem) {
    const std::string dir = testing::temp_dir();
    EXPECT_EQ(error_of(dir + "/absent.bin"), "cannot open " + dir + "/absent.bin: No such file or directory");
    EXPECT_EQ(error_of(dir), "cannot read " + dir + ": it is a directory, not a file");
    EXPECT_EQ(error_of("/dev/zero"), "cannot read /dev/zero: it is a device, not a file or a pipe");
}

// Issue 17 item 5: a pipe or <(...) was "empty" (its size is 0). It is read whole.
TEST(InputFile, APipeIsReadWhole) {
    const std::string content = pattern(3'000'000);  // more than a pipe holds at once
    const PipeWriter pipe(content);
    const InputFile file("/dev/fd/" + std::to_string(pipe.read_end()));
    EXPECT_EQ(std::string(file.begin(), file.end()), content);
}

TEST(InputFile, StandardInputIsReadWholeAndATerminalIsRefused) {
    const std::string content = pattern(100'000);
    const int saved = ::dup(STDIN_FILENO);
    {
        const PipeWriter pipe(content);
        ::dup2(pipe.read_end(), STDIN_FILENO);
        const InputFile file("-");
        EXPECT_EQ(std::string(file.begin(), file.end()), content);
        EXPECT_EQ(file.name(), "standard input");
    }
    const int terminal = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (terminal >= 0 && ::grantpt(terminal) == 0 && ::unlockpt(terminal) == 0) {
        const int other_end = ::open(::ptsname(terminal), O_RDWR | O_NOCTTY);
        ASSERT_GE(other_end, 0);
        ::dup2(other_end, STDIN_FILENO);
        EXPECT_EQ(error_of("-").rfind("standard input is a terminal, not data", 0), 0u) << error_of("-");
        ::close(other_end);
    }
    if (terminal >= 0) ::close(terminal);
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
}

// A FIFO nobody writes to blocked forever; now the wait is bounded and the error says why.
TEST(InputFile, AFifoWithoutAWriterIsAnErrorAfterTheWait) {
    const std::string path = testing::temp_dir() + "/fifo";
    ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(error_of(path, 0.2),
              "cannot read " + path + ": it is a FIFO and no program wrote to it within 0.2 s (start the writer "
                                      "first, or give a file)");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(InputFile, AFifoIsReadWholeOnceItsWriterComes) {
    const std::string path = testing::temp_dir() + "/fifo";
    ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
    const std::string content = pattern(200'000);
    std::thread writer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::ofstream(path, std::ios::binary) << content;
    });
    const InputFile file(path, 5);
    writer.join();
    EXPECT_EQ(std::string(file.begin(), file.end()), content);
}

}  // namespace
}  // namespace gvcpanel::data
