// The ETA assumes the remaining specifications take as long on average as the finished ones.
#include "cli/batch_progress.hpp"

#include <cstdio>
#include <string>

namespace gvcpanel::cli {

namespace {

std::string seconds(double value) {
    char text[32];
    if (value < 60) std::snprintf(text, sizeof text, "%.1fs", value);
    else std::snprintf(text, sizeof text, "%dm%02ds", static_cast<int>(value) / 60, static_cast<int>(value) % 60);
    return text;
}

}  // namespace

Progress::Progress(std::size_t total, bool terminal) : total_(total), terminal_(terminal) {}

void Progress::finished(bool failed) {
    const std::lock_guard lock(mutex_);
    ++done_;
    failed_ += failed ? 1 : 0;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = elapsed / static_cast<double>(done_) * static_cast<double>(total_ - done_);
    const std::string counts = std::to_string(done_) + "/" + std::to_string(total_) + " done, " +
                               std::to_string(failed_) + " failed, elapsed " + seconds(elapsed) + ", ETA " + seconds(eta);
    if (terminal_) {
        constexpr std::size_t kWidth = 30;
        const std::size_t filled = kWidth * done_ / (total_ == 0 ? 1 : total_);
        std::fprintf(stderr, "\r[%s%s] %s   ", std::string(filled, '#').c_str(),
                     std::string(kWidth - filled, '.').c_str(), counts.c_str());
    } else {
        std::fprintf(stderr, "batch: %s\n", counts.c_str());
    }
    std::fflush(stderr);
}

void Progress::close() {
    if (terminal_ && done_ > 0) std::fprintf(stderr, "\n");
}

}  // namespace gvcpanel::cli
