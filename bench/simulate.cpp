// Timing of data::simulate (the cluster-GVC panel) and of write_csv on its output, over a grid of
// firm counts at 16 years (the default is 2,000 firms; the issue asks for well under a second).
// Reports rows and wall seconds per step (best of the repeats). Usage: simulate [repeats, default 3]
#include "data/simulate.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "data/csv_writer.hpp"

namespace {

template <typename Step>
double best_seconds(int repeats, Step step) {
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        step();
        best = std::min(
            best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    const int repeats = argc > 1 ? std::atoi(argv[1]) : 3;
    std::printf("%-9s %10s %14s %16s\n", "firms", "rows", "simulate (s)", "write_csv (s)");
    for (const std::int64_t firms : {2000, 20000, 200000}) {
        gvcpanel::data::SimulationOptions options;
        options.firms = firms;
        std::size_t rows = 0;
        const double simulate = best_seconds(
            repeats, [&] { rows = gvcpanel::data::simulate(options).frame.rows(); });
        const auto panel = gvcpanel::data::simulate(options);
        const double write = best_seconds(repeats, [&] {
            std::ostringstream out;
            gvcpanel::data::write_csv(panel.frame, out);
        });
        std::printf("%-9lld %10zu %14.3f %16.3f\n", static_cast<long long>(firms), rows, simulate,
                    write);
    }
}
