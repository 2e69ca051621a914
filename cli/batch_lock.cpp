// flock() rather than fcntl() locks: they belong to the open file, not to the process, so threads
// and a later close elsewhere in the program cannot drop them by accident.
#include "cli/batch_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "cli/utc_time.hpp"
#include "data/error.hpp"

namespace gvcpanel::cli {

namespace {

std::string host_name() {
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? name : "unknown host";
}

// What the holder wrote into the lock file: "pid 1234 on host h, started 2024-05-01T10:00:00Z".
std::string holder(const std::string& path) {
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    return text.empty() ? "a process that has not written its name yet" : text;
}

}  // namespace

OutputFolderLock::OutputFolderLock(const std::string& folder) {
    const std::string path = (std::filesystem::path(folder) / ".batch.lock").string();
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error("cannot lock the output folder '" + folder + "' (" + path + "): " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd_);
        fd_ = -1;
        if (error != EWOULDBLOCK)
            throw Error("cannot lock the output folder '" + folder + "' (" + path + "): " + std::strerror(error));
        throw Error("the output folder '" + folder + "' is in use by another batch: " + holder(path) +
                    " (its lock: " + path + "); wait for it to finish, or choose another --out");
    }
    const std::string text = "pid " + std::to_string(::getpid()) + " on host " + host_name() + ", started " + utc_now() + "\n";
    // The holder's line is for the message above; the lock itself does not depend on it.
    if (::ftruncate(fd_, 0) == 0) {
        [[maybe_unused]] const auto written = ::pwrite(fd_, text.data(), text.size(), 0);
    }
}

OutputFolderLock::~OutputFolderLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace gvcpanel::cli
