#include "data/input_file.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstring>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

// Closes a descriptor on every path out of the constructor.
class Descriptor {
public:
    explicit Descriptor(int fd, bool owned = true) : fd_(fd), owned_(owned) {}
    ~Descriptor() {
        if (owned_ && fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
    bool owned_;
};

[[noreturn]] void fail(const std::string& what, const std::string& name, int error) {
    throw Error(what + " " + name + ": " + std::strerror(error));
}

// A named FIFO (not a pipe reached through /dev/fd or /proc): opening it blocks until a writer
// comes, so it is opened without blocking and waited on with a bound.
bool is_named_fifo(const std::string& path) {
    struct stat link {};
    return ::lstat(path.c_str(), &link) == 0 && S_ISFIFO(link.st_mode);
}

}  // namespace

InputFile::InputFile(const std::string& path, double fifo_wait_seconds)
    : name_(path == "-" ? "standard input" : path) {
    if (path == "-") {
        if (::isatty(STDIN_FILENO))
            throw Error("standard input is a terminal, not data: pipe the file in "
                        "(cat FILE.csv | gvcpanel ... --data -) or name it with --data FILE");
        const Descriptor in(STDIN_FILENO, false);
        struct stat info {};
        if (::fstat(in.get(), &info) != 0) fail("cannot read", name_, errno);
        if (S_ISREG(info.st_mode)) {
            map(in.get(), static_cast<std::size_t>(info.st_size));
        } else {
            read_stream(in.get());
        }
        return;
    }
    const bool named_fifo = is_named_fifo(path);
    const Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | (named_fifo ? O_NONBLOCK : 0)));
    if (file.get() < 0) fail("cannot open", path, errno);
    struct stat info {};
    if (::fstat(file.get(), &info) != 0) fail("cannot read", path, errno);
    if (S_ISDIR(info.st_mode)) throw Error("cannot read " + path + ": it is a directory, not a file");
    if (S_ISREG(info.st_mode)) {
        map(file.get(), static_cast<std::size_t>(info.st_size));
        return;
    }
    if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode))
        throw Error("cannot read " + path + ": it is a " + (::isatty(file.get()) ? "terminal" : "device") +
                    ", not a file or a pipe");
    if (named_fifo) {
        pollfd ready{file.get(), POLLIN, 0};
        const int waited = ::poll(&ready, 1, static_cast<int>(std::max(0.0, fifo_wait_seconds) * 1000));
        if (waited < 0) fail("cannot read", path, errno);
        if (waited == 0) {
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%g", fifo_wait_seconds);
            throw Error("cannot read " + path + ": it is a FIFO and no program wrote to it within " + seconds +
                        " s (start the writer first, or give a file)");
        }
        ::fcntl(file.get(), F_SETFL, ::fcntl(file.get(), F_GETFL) & ~O_NONBLOCK);
    }
    read_stream(file.get());
}

InputFile::~InputFile() {
    if (mapped_) ::munmap(const_cast<char*>(data_), size_);
}

void InputFile::map(int fd, std::size_t size) {
    if (size == 0) return;
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    if (mapped == MAP_FAILED) fail("cannot read", name_, errno);
    ::madvise(mapped, size, MADV_SEQUENTIAL);
    data_ = static_cast<const char*>(mapped);
    size_ = size;
    mapped_ = true;
}

void InputFile::read_stream(int fd) {
    constexpr std::size_t kBlock = std::size_t{1} << 20;
    std::vector<char> bytes;
    for (;;) {
        const std::size_t used = bytes.size();
        bytes.resize(used + kBlock);
        const ssize_t got = ::read(fd, bytes.data() + used, kBlock);
        if (got < 0 && errno == EINTR) {
            bytes.resize(used);
            continue;
        }
        if (got < 0) fail("cannot read", name_, errno);
        bytes.resize(used + static_cast<std::size_t>(got));
        if (got == 0) break;
    }
    hold(std::move(bytes));
}

void InputFile::hold(std::vector<char> bytes) {
    if (mapped_) ::munmap(const_cast<char*>(data_), size_);
    mapped_ = false;
    owned_ = std::move(bytes);
    owned_.shrink_to_fit();
    data_ = owned_.data();
    size_ = owned_.size();
}

void InputFile::release(const char* from, const char* to) const {
    if (!mapped_) return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto first = (reinterpret_cast<std::uintptr_t>(from) + page - 1) / page * page;
    const auto last = reinterpret_cast<std::uintptr_t>(to) / page * page;
    if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

void InputFile::convert_cr_line_ends() {
    std::vector<char> bytes(data_, data_ + size_);
    std::replace(bytes.begin(), bytes.end(), '\r', '\n');
    hold(std::move(bytes));
}

}  // namespace gvcpanel::data
