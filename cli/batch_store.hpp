// The batch's append-only result store, OUT/results.jsonl: one JSON object per line, one line per
// specification (`id`, `spec`, and the result of `fit` or an `error`). Each line is written with a
// single write() on a file opened with O_APPEND and then fsync'ed, so a batch killed at any moment
// leaves whole lines and at most one torn last line, which the next open cuts off.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace gvcpanel::cli {

// The lines of a store by id (a later line for the same id replaces an earlier one: a retried
// failure); a torn or unreadable line is skipped.
std::map<std::string, nlohmann::ordered_json> read_store(const std::string& path);

class ResultStore {
public:
    // Opens `path` for appending, creating it, and cuts off a torn last line.
    explicit ResultStore(const std::string& path);
    ~ResultStore();
    ResultStore(const ResultStore&) = delete;
    ResultStore& operator=(const ResultStore&) = delete;

    // Appends one line; safe to call from several threads.
    void append(const nlohmann::ordered_json& line);

private:
    std::string path_;
    int fd_ = -1;
    std::mutex mutex_;
};

}  // namespace gvcpanel::cli
