// POSIX file calls for the store: open(O_APPEND), write, fsync, ftruncate.
#include "cli/batch_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string_view>

#include "data/error.hpp"

namespace gvcpanel::cli {

std::map<std::string, nlohmann::ordered_json> read_store(const std::string& path) {
    std::map<std::string, nlohmann::ordered_json> lines;
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        if (in.eof()) break;  // no newline after it: torn by a kill
        auto json = nlohmann::ordered_json::parse(line, nullptr, false);
        if (json.is_discarded() || !json.is_object() || !json.contains("id") || !json["id"].is_string()) continue;
        const auto id = json["id"].get<std::string>();
        lines[id] = std::move(json);
    }
    return lines;
}

ResultStore::ResultStore(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error(path + ": cannot open the result store: " + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd_, &info) != 0 || info.st_size == 0) return;
    // Cut a torn last line back to the last newline, so that the next line starts on its own.
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.back() == '\n') return;
    const auto end = text.rfind('\n');
    const off_t keep = end == std::string::npos ? 0 : static_cast<off_t>(end + 1);
    if (::ftruncate(fd_, keep) != 0) throw Error(path + ": cannot cut its torn last line: " + std::strerror(errno));
}

ResultStore::~ResultStore() {
    if (fd_ >= 0) ::close(fd_);
}

void ResultStore::append(const nlohmann::ordered_json& line) {
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    const std::lock_guard lock(mutex_);
    struct stat info {};
    const off_t before = ::fstat(fd_, &info) == 0 ? info.st_size : -1;
    // A short write (a disk filling up) sets no errno; writing the rest reports why it stopped.
    std::string_view rest = text;
    int error = 0;
    while (!rest.empty() && error == 0) {
        const auto written = ::write(fd_, rest.data(), rest.size());
        if (written > 0) rest.remove_prefix(static_cast<std::size_t>(written));
        else if (written == 0) error = EIO;
        else if (errno != EINTR) error = errno;
    }
    if (error == 0 && ::fsync(fd_) != 0 && errno != EINVAL) error = errno;
    if (error == 0) return;
    // The partial line cut off (best effort: the next open cuts a torn line anyway).
    [[maybe_unused]] const int cut = before >= 0 ? ::ftruncate(fd_, before) : 0;
    throw Error(path_ + ": writing a result failed: " + std::strerror(error));
}

}  // namespace gvcpanel::cli
