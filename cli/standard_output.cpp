#include "cli/standard_output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <utility>

namespace gvcpanel::cli {

namespace {

// Writes with write(2) and remembers the errno of the first failure; what follows it is dropped.
class DescriptorBuffer final : public std::streambuf {
public:
    DescriptorBuffer() { setp(buffer_, buffer_ + sizeof buffer_); }
    // The errno of the failed write, once (0 afterwards, and when nothing failed).
    int unreported_error() { return std::exchange(unreported_, 0); }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        const char* next = pbase();
        while (next < pptr() && error_ == 0) {
            const auto written = ::write(STDOUT_FILENO, next, static_cast<std::size_t>(pptr() - next));
            if (written > 0) next += written;
            else if (written == 0) error_ = unreported_ = EIO;
            else if (errno != EINTR) error_ = unreported_ = errno;
        }
        setp(buffer_, buffer_ + sizeof buffer_);
        return error_ == 0;
    }

    char buffer_[1 << 16];
    int error_ = 0;
    int unreported_ = 0;
};

// Never destroyed: std::cout is flushed once more after static objects are destroyed.
DescriptorBuffer* captured = nullptr;

}  // namespace

void capture_standard_output() {
    if (captured || ::isatty(STDOUT_FILENO)) return;
    captured = new DescriptorBuffer;
    std::cout.rdbuf(captured);
}

std::optional<std::string> standard_output_failure() {
    std::cout.flush();
    std::optional<std::string> failure;
    if (captured)
        if (const int error = captured->unreported_error()) failure = std::strerror(error);
    // What went through the C library (printf, or std::cout on a terminal): its error flag, and the
    // reason when this last flush is the write that fails.
    errno = 0;
    if (!failure && (std::fflush(stdout) != 0 || std::ferror(stdout) || (!captured && std::cout.fail())))
        failure = errno != 0 ? std::strerror(errno) : "a write failed";
    std::clearerr(stdout);
    std::cout.clear();
    return failure;
}

}  // namespace gvcpanel::cli
