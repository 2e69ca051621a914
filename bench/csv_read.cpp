// Times data::read_csv on one file and prints the seconds, the peak resident memory (VmHWM from
// /proc/self/status; the process's own footprint before the read is printed too) and the bytes
// of the parsed columns, in one line of key=value pairs.
//
//   bench_csv_read FILE.csv [THREADS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "data/error.hpp"
#include "data/read.hpp"

namespace {

// A /proc/self/status entry in megabytes: VmHWM (peak resident) or VmRSS (resident now).
double status_mb(const std::string& key) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(key + ":", 0) == 0) return std::atof(line.c_str() + key.size() + 1) / 1024.0;
    return 0;
}

double column_mb(const gvcpanel::data::Frame& frame) {
    double bytes = 0;
    for (std::size_t c = 0; c < frame.cols(); ++c) {
        const auto& column = frame.column(c);
        bytes += static_cast<double>(column.numbers.size() * sizeof(double) +
                                     column.integers.size() * sizeof(std::int64_t) +
                                     column.codes.size() * sizeof(std::int32_t));
        for (const auto& level : column.levels) bytes += static_cast<double>(level.size());
    }
    return bytes / (1024.0 * 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.csv [THREADS]\n", argv[0]);
        return 2;
    }
    gvcpanel::data::ReadOptions options;
    options.threads = argc > 2 ? std::atoi(argv[2]) : 0;
    try {
        const double before = status_mb("VmRSS");
        const auto start = std::chrono::steady_clock::now();
        const auto frame = gvcpanel::data::read_csv(argv[1], options);
        const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
        const double columns = column_mb(frame);
        const double peak = status_mb("VmHWM");
        std::printf("rows=%zu cols=%zu seconds=%.3f peak_rss_mb=%.1f columns_mb=%.1f ratio=%.3f "
                    "rss_before_read_mb=%.1f\n",
                    frame.rows(), frame.cols(), seconds.count(), peak, columns, peak / columns, before);
    } catch (const gvcpanel::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
