// estimators::Estimate: what an estimator hands to the inference layer. It holds the sandwich
// ingredients (bread and per-observation scores) so that every covariance type is chosen after
// fitting, plus the estimator's own statistics and tests.
#pragma once

#include <armadillo>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

struct IvSystem;  // estimators/iv/iv_system.hpp

// Which small-sample and distribution conventions apply (conventions.md).
enum class ModelKind {
    linear,      // s^2-scaled iid covariance, t tests, (N-1)/(N-K*) factors
    likelihood,  // inverse information, normal/chi2 tests, G/(G-1) only for clusters
    gmm,         // GMM: the estimator supplies the iid covariance itself
};

// A test statistic, named as in conventions.md ("wald", "hausman", "ar2", ...).
struct TestResult {
    std::string name;
    double stat = std::nan("");
    std::vector<double> df;      // one entry (chi2, t) or two (F)
    double p = std::nan("");
    std::string restriction;     // for "wald": the restriction as written
    std::string note;            // method details worth printing
    // Further fields of this test, written after `p` (boottest: p_equal_tail, ci_low, ci_high, reps,
    // enumerated; ri: reps, unit); an object, empty for most tests.
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
    std::string unavailable{};   // why the test could not be computed on this fit (stat and p are
                                 //   then NaN); empty when it was
};

// A parameter reported outside the coefficient table (Tobit sigma, NB alpha, cut points).
struct Ancillary {
    std::string name;
    double estimate = std::nan("");
    double se = std::nan("");
};

// The (working) regressors sqrt(w_i) x_i of the rows where they cannot be recovered from the scores
// as s_i / (sqrt(w_i) e_i) (a zero residual, or a score outside the normal range of doubles); see
// Estimate::regressors_apart.
struct UnrecoverableRegressors {
    std::vector<arma::uword> rows;         // positions in the estimation sample, increasing
    arma::mat values;                      // rows.size() x k: x_i of those rows
};

struct Estimate {
    std::string estimator = "ols";         // the --estimator name
    ModelKind kind = ModelKind::linear;
    std::string formula;
    std::string outcome;
    std::vector<std::string> names;        // k reported coefficients
    arma::vec coef;                        // k
    arma::mat bread;                       // k x k: (X'WX)^-1 (linear) or the inverse information
    arma::mat scores;                      // n x k: per-observation score contributions s_i;
                                           //   the meat is sum_i s_i s_i' (linear: w_i x_i e_i)
    arma::vec residuals;                   // n: y - fitted in the estimation metric (linear models)
    arma::vec linear_predictor;            // n: x_i'b + offset_i + the absorbed fixed effects, where
                                           //   effects are absorbed (glm_hdfe; partial effects hold
                                           //   them at their estimates); empty otherwise
    arma::vec leverage;                    // n: h_i for HC2/HC3; empty where not defined (absorbed FE)
    arma::mat iid_vcov;                    // k x k: the estimator's own iid covariance when it is not
                                           //   s^2 * bread (GMM, RE); empty otherwise
    arma::mat robust_vcov;                 // k x k: the estimator's own robust covariance when it is not
                                           //   a sandwich of the scores (dynamic GMM: one-step robust,
                                           //   Windmeijer two-step); empty otherwise
    std::string robust_cluster;            // the grouping robust_vcov clusters on (the panel's entity)
    std::string robust_label;              // robust_vcov in words, for notes and tables ("clustered by
                                           //   firm, Windmeijer-corrected two-step")
    // pcse, CR2/CR3 and the wild bootstrap need x_i and e_i apart. Least squares (scores s_i = w_i x_i
    // e_i exactly rounded) sets this, usually with no rows, so the working regressors sqrt(w_i) x_i =
    // s_i / (sqrt(w_i) e_i) are recovered to 3 ulp after fitting without a second n x k copy of X;
    // absent where the scores are not of that form (IV, likelihood, GMM).
    std::optional<UnrecoverableRegressors> regressors_apart;
    std::shared_ptr<const IvSystem> iv_system;  // 2SLS asked to keep it (IvOptions::keep_system): the
                                           //   system it solved, for the WRE wild bootstrap; else null
    arma::vec weights;                     // n: least squares' weights w_i; empty when unweighted
    double sigma2 = std::nan("");          // linear: e'We / (N - K - K_fe)
    std::size_t nobs = 0;
    std::size_t df_fe = 0;                 // K_fe: degrees of freedom absorbed by fixed effects
    std::size_t k_partialled = 0;          // coefficients projected out before fitting (Frisch-Waugh:
                                           //   the IV first stage's exogenous regressors); counted in K*
                                           //   and the residual df like the reported ones (plm, fixest)
    bool has_intercept = true;
    models::Sample sample;                 // rows, panel codes, clusters, FE codes, what was dropped
    nlohmann::ordered_json stats = nlohmann::ordered_json::object();  // named as conventions.md
    std::vector<TestResult> tests;         // the estimator's own tests (always reported)
    std::vector<Ancillary> ancillary;
    bool converged = true;
    std::string convergence_message;       // the verdict in words; empty when nothing to say
    bool exact_fit = false;                // the residuals are rounding error (estimators/degenerate_fit):
                                           //   infer() reports no t statistics, p-values or tests
    std::vector<std::string> notes;        // warnings for the user (printed, kept in JSON)

    std::size_t k() const { return coef.n_elem; }
};

}  // namespace gvcpanel::estimators
