// Timing of data::PanelIndex (coding entity and time, ordering rows, duplicate check) and of the
// lags built on it, on a firm x year panel of integer columns (10 years per firm, each firm-year
// kept with probability 0.9 so there are gaps), with rows in (firm, year) order and shuffled.
// Reports wall seconds per step (best of the repeats). Usage: panel_index [rows, default 1e7]
// [repeats, default 3]
#include "data/panel_index.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "data/transforms.hpp"

namespace {

using gvcpanel::data::Column;
using gvcpanel::data::Frame;
using gvcpanel::data::PanelIndex;

constexpr int kYears = 10;

Frame simulate(std::size_t rows, bool shuffled) {
    std::mt19937_64 rng(20240517);
    std::vector<std::int64_t> firm, year;
    std::vector<double> x;
    for (std::int64_t f = 0; firm.size() < rows; ++f)
        for (int t = 0; t < kYears && firm.size() < rows; ++t)
            if (rng() % 10 != 0)
                firm.push_back(100 + 7 * f), year.push_back(1990 + t), x.push_back(t);
    if (shuffled) {
        std::vector<std::size_t> perm(firm.size());
        for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
        std::shuffle(perm.begin(), perm.end(), rng);
        std::vector<std::int64_t> f2(perm.size()), y2(perm.size());
        std::vector<double> x2(perm.size());
        for (std::size_t i = 0; i < perm.size(); ++i)
            f2[i] = firm[perm[i]], y2[i] = year[perm[i]], x2[i] = x[perm[i]];
        firm.swap(f2), year.swap(y2), x.swap(x2);
    }
    Frame frame;
    frame.add(Column::integer("firm", std::move(firm)));
    frame.add(Column::integer("year", std::move(year)));
    frame.add(Column::numeric("x", std::move(x)));
    return frame;
}

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
    const auto rows = static_cast<std::size_t>(argc > 1 ? std::atof(argv[1]) : 1e7);
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    std::printf("%-9s %10s %12s %12s %16s\n", "rows", "order", "index (s)", "lag (s)",
                "shifted_row (s)");
    for (const bool shuffled : {false, true}) {
        const Frame frame = simulate(rows, shuffled);
        const auto x = frame.column("x").numbers;
        const double index = best_seconds(repeats, [&] { PanelIndex(frame, "firm", "year"); });
        const PanelIndex panel(frame, "firm", "year");
        const double lag = best_seconds(repeats, [&] { gvcpanel::data::lag(panel, x, 1); });
        std::size_t found = 0;
        const double shifted = best_seconds(repeats, [&] {
            for (std::size_t row = 0; row < frame.rows(); ++row)
                found += panel.shifted_row(row, 1) != PanelIndex::npos;
        });
        std::printf("%-9zu %10s %12.3f %12.3f %16.3f\n", frame.rows(),
                    shuffled ? "shuffled" : "sorted", index, lag, shifted);
        if (found == 0) std::printf("no lag found\n");
    }
}
