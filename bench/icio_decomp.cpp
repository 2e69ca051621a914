// KWW and WWZ decompositions of a synthetic ICIO of OECD size (76 countries x 45 sectors, 5
// final-demand categories, seed 1): times each (Leontief system included, as decompr recomputes
// it per call; A built in the table's storage, as the command does) and reports the peak resident
// memory beside the table's size. Writes the table as
// raw doubles (GN x (GN + 5G), column-major) for R decompr to read the same numbers; compare
// through bench/run_icio_vs_decompr.sh.
//   bench_icio_decomp TABLE.bin
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "measures/io_system.hpp"
#include "measures/kww.hpp"
#include "measures/wwz.hpp"

int main(int argc, char** argv) {
    using namespace gvcpanel::measures;
    using clock = std::chrono::steady_clock;
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_icio_decomp TABLE.bin\n");
        return 2;
    }
    const std::size_t G = 76, N = 45, K = 5, GN = G * N;
    // The same table each call (seed 1); each decomposition consumes one (A is built in its storage).
    auto make_table = [&] {
        IoTable t;
        for (std::size_t g = 0; g < G; ++g) t.countries.push_back("C" + std::to_string(g));
        for (std::size_t n = 0; n < N; ++n) t.sectors.push_back("S" + std::to_string(n));
        t.fd_categories = {"HFCE", "NPISH", "GGFC", "GFCF", "INVNT"};
        std::mt19937_64 gen(1);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        t.intermediate.set_size(GN, GN);
        t.intermediate.imbue([&] { return std::round(100 * unit(gen)) / 100; });
        for (std::size_t g = 0; g < G; ++g) t.intermediate.submat(g * N, g * N, g * N + N - 1, g * N + N - 1) *= 20;
        t.final_demand.set_size(GN, G * K);
        t.final_demand.imbue([&] { return std::round(5000 * unit(gen)) / 100; });
        t.output = arma::sum(t.intermediate, 1) + arma::sum(t.final_demand, 1);
        t.output_given = true;
        t.source = "synthetic";
        return t;
    };
    IoTable t = make_table();
    {
        std::FILE* out = std::fopen(argv[1], "wb");
        // Column-major [Z, F]: Z's columns, then F's.
        if (!out || std::fwrite(t.intermediate.memptr(), sizeof(double), t.intermediate.n_elem, out) != t.intermediate.n_elem ||
            std::fwrite(t.final_demand.memptr(), sizeof(double), t.final_demand.n_elem, out) != t.final_demand.n_elem ||
            std::fclose(out)) {
            std::fprintf(stderr, "cannot write %s\n", argv[1]);
            return 1;
        }
    }
    const auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    const auto t0 = clock::now();
    const KwwDecomposition k = kww(leontief_system_in_place(t));
    const auto t1 = clock::now();
    t = make_table();
    const auto t1b = clock::now();
    const WwzDecomposition w = wwz(leontief_system_in_place(t));
    const auto t2 = clock::now();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double table_mb = 8.0 * GN * (GN + G * K) / 1e6;
    std::printf("gvcpanel GN %zu kww %.3f s wwz %.3f s peak %.0f MB (table %.0f MB) sum DVA_FIN %.12g sum MDC %.12g\n", GN,
                seconds(t0, t1), seconds(t1b, t2), usage.ru_maxrss / 1e3, table_mb, arma::accu(k.terms.col(0)),
                arma::accu(w.terms[15]));
    return 0;
}
