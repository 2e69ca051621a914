// POSIX calls: open(O_EXCL) of the temporary file, write in a loop, fsync, rename (atomic within
// one file system, hence the temporary file in the target's own folder).
#include "data/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

constexpr const char* kSuffix = ".tmp";

std::atomic<unsigned> next_number{0};

// ".NAME.PID.N.tmp" in the folder of `target`.
std::string temporary_name(const std::filesystem::path& target, unsigned number) {
    return (target.parent_path() / ("." + target.filename().string() + "." + std::to_string(::getpid()) + "." +
                                    std::to_string(number) + kSuffix))
        .string();
}

// The process id in a temporary file's name, or 0 when the name is not one of ours.
pid_t writer_of(const std::string& name) {
    if (name.size() < 2 || name[0] != '.' || !name.ends_with(kSuffix)) return 0;
    const std::string stem = name.substr(0, name.size() - std::strlen(kSuffix));
    const auto number_dot = stem.rfind('.');
    if (number_dot == std::string::npos || number_dot == 0) return 0;
    const auto pid_dot = stem.rfind('.', number_dot - 1);
    if (pid_dot == std::string::npos || pid_dot == 0) return 0;
    const std::string number = stem.substr(number_dot + 1), pid = stem.substr(pid_dot + 1, number_dot - pid_dot - 1);
    const auto digits = [](const std::string& text) {
        return !text.empty() && text.size() < 10 && text.find_first_not_of("0123456789") == std::string::npos;
    };
    return digits(number) && digits(pid) ? static_cast<pid_t>(std::stol(pid)) : 0;
}

}  // namespace

AtomicFile::AtomicFile(const std::string& path) : path_(path), target_(path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode)) throw Error("cannot write '" + path + "': it is a folder");
        if (!S_ISREG(info.st_mode)) {
            fd_ = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
            if (fd_ < 0) fail("", errno);
            return;
        }
        // A symbolic link stays a link: the file it points to is replaced.
        if (char resolved[PATH_MAX]; ::realpath(path.c_str(), resolved) != nullptr) target_ = resolved;
    }
    for (;;) {
        temporary_ = temporary_name(target_, next_number++);
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ >= 0) return;
        if (errno == EEXIST) continue;
        const int error = errno;
        temporary_.clear();
        if (error == ENOENT) {
            const auto folder = std::filesystem::path(target_).parent_path();
            throw Error("cannot write '" + path + "': the folder '" + (folder.empty() ? "." : folder.string()) +
                        "' does not exist");
        }
        fail("", error);
    }
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

void AtomicFile::fail(const std::string& what, int error) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
    temporary_.clear();
    throw Error("cannot write '" + path_ + "'" + what + ": " + std::strerror(error));
}

void AtomicFile::write(std::string_view bytes) {
    if (fd_ < 0) throw Error("cannot write '" + path_ + "': the file is already closed");
    while (!bytes.empty()) {
        const auto written = ::write(fd_, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) fail("", written < 0 ? errno : EIO);
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

void AtomicFile::commit() {
    if (fd_ < 0) throw Error("cannot write '" + path_ + "': the file is already closed");
    if (!temporary_.empty() && ::fsync(fd_) != 0) fail("", errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("", errno);
    if (!temporary_.empty() && ::rename(temporary_.c_str(), target_.c_str()) != 0)
        fail(" (renaming '" + temporary_ + "' over it)", errno);
    committed_ = true;
}

void write_file(const std::string& path, std::string_view text) {
    AtomicFile file(path);
    file.write(text);
    file.commit();
}

std::size_t remove_stale_temporaries(const std::string& folder) {
    std::size_t removed = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const pid_t writer = writer_of(entry.path().filename().string());
        if (writer <= 0 || writer == ::getpid()) continue;
        if (::kill(writer, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
        removed += ::unlink(entry.path().c_str()) == 0 ? 1 : 0;
    }
    return removed;
}

}  // namespace gvcpanel::data
