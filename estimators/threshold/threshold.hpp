// Hansen's (1999) panel threshold regression: y_it = mu_i + x_it'b + r_it'c_j + e_it in regime j, the
// regimes cut by thresholds on q_it, with the entity effects absorbed (the within transformation). The
// thresholds minimise the sum of squared residuals over the candidates (every distinct value of q, or a
// grid), found one at a time as Hansen: the first, the second given the first, the first again given the
// second (the refinement), the third given both; each with its likelihood-ratio no-rejection region and
// the F test of k against k - 1 thresholds, with Hansen's residual bootstrap p-value. docs/threshold.md.
#pragma once

#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

namespace gvcpanel::estimators::threshold {

struct ThresholdOptions {
    int thresholds = 1;            // 1, 2 or 3
    double trim = 0.01;            // every regime holds at least ceil(trim N) observations
    std::size_t grid = 0;          // 0: every distinct value of q (exact search); else that many candidates
    double level = 0.95;           // of the likelihood-ratio no-rejection regions
    std::size_t bootstrap = 0;     // replications of Hansen's bootstrap of the F tests; 0 = none
    std::uint64_t seed = 1;        // of the bootstrap
    int threads = 0;               // OpenMP threads of the bootstrap; 0 = the program's setting

    void validate() const;
};

struct ThresholdInput {
    arma::vec y;                        // n
    arma::mat X;                        // n x kx: regime-independent regressors (may be n x 0)
    arma::mat R;                        // n x kr: regime-dependent regressors
    arma::vec q;                        // n: the threshold variable
    std::vector<std::int32_t> entity;   // n: codes 0..entities-1 of the absorbed effect
    std::int32_t entities = 0;
    arma::vec weights;                  // n, or empty
};

// LR(gamma) = (S(gamma) - S(gamma_hat)) / sigma^2 over the candidates the search tried.
struct LrCurve {
    std::vector<double> gamma, lr;
};

struct ThresholdEstimate {
    double gamma = arma::datum::nan;
    double low = arma::datum::nan, high = arma::datum::nan;  // the no-rejection region's ends
    LrCurve curve;
};

// F = (S_{k-1} - S_k) / (S_k / (N - entities)), bootstrap p-value and critical values.
struct ThresholdTest {
    std::string name;                   // threshold_single, threshold_double, threshold_triple
    double ssr_null = arma::datum::nan, ssr = arma::datum::nan, f = arma::datum::nan;
    double p = arma::datum::nan;
    double crit90 = arma::datum::nan, crit95 = arma::datum::nan, crit99 = arma::datum::nan;
    std::size_t reps = 0, failed = 0;
};

struct ThresholdFit {
    std::vector<ThresholdEstimate> thresholds;  // of the model with options.thresholds, increasing
    std::vector<ThresholdTest> tests;           // k = 1 .. options.thresholds
    double ssr_linear = arma::datum::nan;       // S_0: no threshold
    double critical = arma::datum::nan;         // c(alpha) = -2 log(1 - sqrt(level))
    std::size_t candidates = 0;                 // tried per search
    std::size_t min_rows = 0;                   // ceil(trim N)
    double residual_df = 0;                     // N - entities, the divisor of sigma^2 in F and LR
};

ThresholdFit fit_thresholds(const ThresholdInput& input, const ThresholdOptions& options);

// Hansen's c(alpha): the level-quantile of the limiting LR distribution, -2 log(1 - sqrt(level)).
double lr_critical_value(double level);

}  // namespace gvcpanel::estimators::threshold
