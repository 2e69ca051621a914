// Writes the staggered panel bench/run_cs_vs_did.sh reads: UNITS units (default 10^6) observed in
// 10 periods, 2001-2010 (10^7 rows), in 9 groups: cohorts 2003-2010 (8, first treated in that year)
// and never treated (0); two time-varying covariates x1, x2 that shift the cohort and the trend
// (so the doubly robust estimator has work to do), and y with effects growing with exposure.
// Deterministic: splitmix64 from a fixed seed.
//
//   bench_make_staggered OUT.csv [UNITS]
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

std::uint64_t state = 20241219;

std::uint64_t next_random() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double uniform() { return static_cast<double>(next_random() >> 11) * 0x1.0p-53; }

// Box-Muller: enough for benchmark data.
double normal() { return std::sqrt(-2 * std::log(1 - uniform())) * std::cos(6.283185307179586 * uniform()); }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUT.csv [UNITS]\n", argv[0]);
        return 2;
    }
    const long long units = argc > 2 ? std::atoll(argv[2]) : 1'000'000LL;
    std::FILE* out = std::fopen(argv[1], "wb");
    if (out == nullptr) {
        std::perror(argv[1]);
        return 1;
    }
    std::fprintf(out, "id,year,cohort,x1,x2,y\n");
    for (long long u = 1; u <= units; ++u) {
        const double level = normal(), z = normal();
        // The cohort depends on z: units with larger z are treated earlier (selection on covariates).
        const int group = static_cast<int>(std::floor(9 * (0.5 + 0.5 * std::erf((z + 0.5 * normal()) / 1.8))));
        const int cohort = group >= 8 ? 0 : 2003 + group;
        for (int t = 2001; t <= 2010; ++t) {
            // Covariates shift the cohort, but not so much that the propensity scores leave (0, 0.999).
            const double x1 = 0.4 * z + normal(), x2 = 0.3 * z + normal();
            const double effect = cohort > 0 && t >= cohort ? 0.2 + 0.05 * (t - cohort) : 0.0;
            const double y = level + 0.1 * (t - 2000) + 0.05 * x1 * (t - 2000) + 0.3 * x2 + effect + normal();
            std::fprintf(out, "%lld,%d,%d,%.6f,%.6f,%.6f\n", u, t, cohort, x1, x2, y);
        }
    }
    return std::fclose(out) == 0 ? 0 : 1;
}
