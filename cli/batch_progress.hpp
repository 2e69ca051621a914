// Progress of a batch on standard error: on a terminal one line redrawn in place (a bar, done/total,
// failures, elapsed time, ETA); otherwise (a log file, a pipe) one plain line per finished specification.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>

namespace gvcpanel::cli {

class Progress {
public:
    Progress(std::size_t total, bool terminal);
    // One specification finished; thread-safe.
    void finished(bool failed);
    // Ends the line on a terminal.
    void close();

private:
    std::size_t total_;
    bool terminal_;
    std::size_t done_ = 0;
    std::size_t failed_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::mutex mutex_;
};

}  // namespace gvcpanel::cli
