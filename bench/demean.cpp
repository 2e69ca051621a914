// Timing of the fixed-effect demeaning on a synthetic firm x year panel (up to 10 years per firm,
// each firm-year kept with probability 0.9 so that the panel is unbalanced, rows sorted by firm,
// 1,000 industries), y and 5 regressors, absorbing firm + year, firm + year + industry^year and
// firm[year] + year (firm-specific trends, docs/fixed_effects.md), at 1 and 2 threads (wall and process CPU time); and the accuracy of several tolerances: the slopes
// against a run with tolerance 1e-14. Usage: demean [rows, default 1e6] [repeats, default 3]
#include <armadillo>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "estimators/fixed_effects/demean.hpp"

namespace {

using gvcpanel::estimators::DemeanOptions;
using gvcpanel::estimators::DemeanSummary;
using gvcpanel::estimators::demean;
using gvcpanel::models::Grouping;

constexpr int kYears = 10;
constexpr int kIndustries = 1000;
constexpr int kRegressors = 5;

struct Panel {
    arma::mat columns;  // y, x1..x5
    Grouping firm, year, industry_year;
    Grouping firm_trend;  // firm[year]: the firm codes with a slope on the calendar year
};

Panel simulate(std::size_t rows) {
    const std::size_t firms = rows / kYears;
    Panel p;
    p.firm = {"firm", {}, static_cast<std::int32_t>(firms), {}};
    p.year = {"year", {}, kYears, {}};
    p.industry_year = {"industry^year", {}, kIndustries * kYears, {}};
    p.columns.set_size(rows, kRegressors + 1);
    std::mt19937_64 rng(20240517);
    std::normal_distribution<double> normal;
    std::bernoulli_distribution kept(0.9);
    std::size_t i = 0;
    std::vector<double> year_effect(kYears), industry_year_effect(kIndustries * kYears);
    for (auto& g : year_effect) g = normal(rng);
    for (auto& g : industry_year_effect) g = 0.5 * normal(rng);
    for (std::size_t f = 0; f < firms; ++f) {
        const double firm_effect = normal(rng);
        const auto industry = static_cast<std::int32_t>(f % kIndustries);
        for (int t = 0; t < kYears; ++t) {
            if (t > 0 && !kept(rng)) continue;
            p.firm.codes.push_back(static_cast<std::int32_t>(f));
            p.year.codes.push_back(t);
            p.industry_year.codes.push_back(industry * kYears + t);
            const double effects = firm_effect + year_effect[t] + industry_year_effect[industry * kYears + t];
            double y = effects + normal(rng);
            for (int j = 1; j <= kRegressors; ++j) {
                p.columns(i, j) = 0.5 * effects + normal(rng);
                y += 0.1 * j * p.columns(i, j);
            }
            p.columns(i++, 0) = y;
        }
    }
    p.columns.resize(i, kRegressors + 1);
    p.firm_trend = p.firm;
    p.firm_trend.name = "firm[year]";
    p.firm_trend.slopes.variables = {"year"};
    p.firm_trend.slopes.values.set_size(i, 1);
    for (std::size_t r = 0; r < i; ++r) p.firm_trend.slopes.values(r, 0) = 2001.0 + p.year.codes[r];
    return p;
}

arma::vec slopes(const arma::mat& demeaned) {
    const arma::mat X = demeaned.cols(1, kRegressors);
    return arma::solve(X.t() * X, X.t() * demeaned.col(0));
}

void run(const char* label, const Panel& p, const std::vector<Grouping>& effects, int repeats) {
    DemeanOptions exact_options;
    exact_options.tolerance = 1e-14;
    arma::mat exact = p.columns;
    demean(exact, effects, arma::vec(), exact_options);
    const arma::vec exact_slopes = slopes(exact);
    for (double tolerance : {1e-6, 1e-8, 1e-10})
        for (int threads : {1, 2}) {
            double best = 1e300, cpu = 0;
            DemeanSummary summary;
            arma::mat work;
            for (int r = 0; r < repeats; ++r) {
                work = p.columns;
                const auto start = std::chrono::steady_clock::now();
                const std::clock_t cpu_start = std::clock();
                summary = demean(work, effects, arma::vec(),
                                 {.tolerance = tolerance, .threads = threads});
                const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
                if (elapsed.count() < best) {
                    best = elapsed.count();
                    cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
                }
            }
            const arma::vec error = arma::abs(slopes(work) - exact_slopes) / arma::abs(exact_slopes);
            std::printf("%-28s rows %9llu tol %.0e threads %d: wall %7.3f s, cpu %7.3f s (best of "
                        "%d), %3zu iterations, change %.1e, slopes vs tol 1e-14: max rel diff %.1e\n",
                        label, static_cast<unsigned long long>(p.columns.n_rows), tolerance, threads,
                        best, cpu, repeats, summary.iterations, summary.final_change, error.max());
            std::fflush(stdout);
        }
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t rows = argc > 1 ? static_cast<std::size_t>(std::atof(argv[1])) : 1000000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    const Panel p = simulate(rows);
    run("firm + year", p, {p.firm, p.year}, repeats);
    run("firm + year + industry^year", p, {p.firm, p.year, p.industry_year}, repeats);
    run("firm[year] + year", p, {p.firm_trend, p.year}, repeats);
    return 0;
}
