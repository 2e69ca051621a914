// Timing of the logit and Poisson fits on a simulated sample (default 10^6 rows x 10 regressors
// and an intercept, fixed seed), with Newton (the default) and with Ceres' L-BFGS, wall time of the
// whole estimators::mle call (checks, fit, model without slopes, scores) and process CPU time. Writes the sample to CSV
// (once) so that bench/run_mle_vs_glm.sh can time R's glm on the same data.
// Usage: mle_glm CSV [rows, default 1e6] [threads, default 2]
#include <omp.h>

#include <armadillo>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>

#include "estimators/likelihood/mle.hpp"

namespace {

using gvcpanel::estimators::MleOptions;
using gvcpanel::estimators::Optimizer;
using gvcpanel::models::Family;

constexpr int kRegressors = 10;

struct Sample {
    arma::mat X;  // n x (1 + kRegressors), intercept first
    arma::vec binary, count;
};

Sample simulate(std::size_t rows) {
    Sample s;
    s.X.set_size(rows, kRegressors + 1);
    s.binary.set_size(rows);
    s.count.set_size(rows);
    std::mt19937_64 rng(20240517);
    std::normal_distribution<double> normal;
    std::uniform_real_distribution<double> uniform;
    for (std::size_t i = 0; i < rows; ++i) {
        s.X(i, 0) = 1.0;
        double eta = 0.2;
        for (int j = 1; j <= kRegressors; ++j) {
            s.X(i, j) = normal(rng);
            eta += 0.1 * ((j % 3) - 1) * s.X(i, j) + 0.05 * s.X(i, j);
        }
        s.binary(i) = uniform(rng) < 1.0 / (1.0 + std::exp(-eta)) ? 1.0 : 0.0;
        s.count(i) = std::poisson_distribution<int>(std::exp(0.5 * eta))(rng);
    }
    return s;
}

void write_csv(const Sample& s, const char* path) {
    std::ofstream out(path);
    out << "y_bin,y_cnt";
    for (int j = 1; j <= kRegressors; ++j) out << ",x" << j;
    out << "\n";
    char buffer[32];
    for (std::size_t i = 0; i < s.X.n_rows; ++i) {
        out << s.binary(i) << "," << s.count(i);
        for (int j = 1; j <= kRegressors; ++j) {
            std::snprintf(buffer, sizeof buffer, ",%.17g", s.X(i, j));
            out << buffer;
        }
        out << "\n";
    }
}

void run(const Sample& s, Family family, Optimizer optimizer) {
    gvcpanel::models::Design design;
    design.outcome = family == Family::logit ? "y_bin" : "y_cnt";
    design.y = family == Family::logit ? s.binary : s.count;
    design.X = s.X;
    design.names = {"(Intercept)"};
    for (int j = 1; j <= kRegressors; ++j) design.names.push_back(std::string(1, 'x').append(std::to_string(j)));
    MleOptions options;
    options.optimizer = optimizer;
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    const auto fit = gvcpanel::estimators::mle(std::move(design), family, options);
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("model=%s optimizer=%s seconds=%.3f cpu=%.3f iterations=%d converged=%d loglik=%.10f x1=%.10f\n",
                family == Family::logit ? "logit" : "poisson",
                optimizer == Optimizer::newton ? "newton" : "lbfgs", seconds, cpu,
                fit.stats["iterations"].get<int>(), fit.converged ? 1 : 0,
                fit.stats["loglik"].get<double>(), fit.coef(1));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: mle_glm CSV [rows] [threads]\n");
        return 2;
    }
    const std::size_t rows = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000000;
    omp_set_num_threads(argc > 3 ? std::atoi(argv[3]) : 2);
    const Sample sample = simulate(rows);
    if (!std::ifstream(argv[1])) write_csv(sample, argv[1]);
    for (Family family : {Family::logit, Family::poisson})
        for (Optimizer optimizer : {Optimizer::newton, Optimizer::lbfgs}) run(sample, family, optimizer);
    return 0;
}
