// Writes the CSV that bench/run_csv_vs_fread.sh reads: ROWS rows (default 10^7, about 1 GB) of a
// firm-year panel with 10 columns: firm and year (integers), region (text, 20 levels) and seven
// numeric columns x1..x7 written with 10 significant digits, about 0.1% of x7 missing (empty).
// Deterministic: splitmix64 from a fixed seed.
//
//   bench_make_csv OUT.csv [ROWS]
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

std::uint64_t state = 20240517;

std::uint64_t next_random() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double uniform() { return static_cast<double>(next_random() >> 11) * 0x1.0p-53; }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUT.csv [ROWS]\n", argv[0]);
        return 2;
    }
    const long long rows = argc > 2 ? std::atoll(argv[2]) : 10'000'000LL;
    std::FILE* out = std::fopen(argv[1], "wb");
    if (out == nullptr) {
        std::perror(argv[1]);
        return 1;
    }
    static const char* const kRegions[] = {
        "north", "south", "east", "west", "centre", "alpine", "coastal", "delta", "highland",
        "island", "lakes", "metro", "plains", "river", "valley", "desert", "forest", "harbour",
        "border", "capital"};
    constexpr long long kYears = 20;
    const double scale[] = {1.0, 10.0, 100.0, 0.01, 1000.0, 5.0, 50.0};
    std::string buffer;
    buffer.reserve(1 << 22);
    buffer += "firm,year,region,x1,x2,x3,x4,x5,x6,x7\n";
    char number[64];
    for (long long r = 0; r < rows; ++r) {
        const long long firm = r / kYears + 1;
        buffer += std::to_string(firm);
        buffer += ',';
        buffer += std::to_string(1990 + r % kYears);
        buffer += ',';
        buffer += kRegions[(firm * 7) % 20];
        for (int k = 0; k < 7; ++k) {
            buffer += ',';
            if (k == 6 && next_random() % 1000 == 0) continue;
            const double x = (uniform() * 2.0 - 0.5) * scale[k];
            const auto written = std::to_chars(number, number + sizeof number, x, std::chars_format::general, 10);
            buffer.append(number, written.ptr);
        }
        buffer += '\n';
        if (buffer.size() > (1 << 22) - 256) {
            std::fwrite(buffer.data(), 1, buffer.size(), out);
            buffer.clear();
        }
    }
    std::fwrite(buffer.data(), 1, buffer.size(), out);
    return std::fclose(out) == 0 ? 0 : 1;
}
