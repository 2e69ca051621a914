// estimators::infer: Estimate -> Result. The covariance type is chosen here, after fitting.
//
// Contract for estimators (see docs/inference.md): fill Estimate with
//   names, coef (k); bread (k x k: (X'WX)^-1 for linear models, the inverse information for
//   likelihood models); scores (n x k, the meat is sum_i s_i s_i': w_i x_i e_i for least squares,
//   the score of observation i for likelihood models; rows in the order of sample.rows);
//   kind (linear: s^2-scaled iid covariance and t tests; likelihood: bread itself, normal tests;
//   gmm: iid_vcov supplied by the estimator); sigma2 = e'We/(N-K-K_fe) (linear); nobs; df_fe = K_fe;
//   leverage (n) where h_i is defined (empty when fixed effects are absorbed: hc2/hc3 then fail);
//   iid_vcov when the iid covariance is not sigma2 * bread (RE, GMM);
//   sample.clusters (one Grouping per cluster variable the VcovSpec names), sample.entity and
//   sample.period (dk, nw, pcse), sample.fixed_effects (K* with fixef=nested); stats, tests, notes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "estimators/resampling/wild_bootstrap.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::estimators {

// A reported parameter that combines coefficients, sum_j weight_j b_j (fixest's aggregate()).
struct CombinedRow {
    std::string name;
    std::vector<std::pair<std::string, double>> weights;  // coefficient name, weight
};

// A joint test that several combinations are zero, reported under its own name ("pretrend").
struct JointTest {
    std::string name;
    std::vector<CombinedRow> rows;
};

struct InferenceOptions {
    inference::VcovSpec vcov;         // covariance type (--vcov); iid by default
    inference::Ssc ssc;               // small-sample corrections (--ssc); the default preset
    std::vector<std::string> wald;    // restrictions to test (--test), one Wald test each
    std::vector<std::string> nlcom;   // "name = expression" (--nlcom), one delta-method row each
    std::string margins_over;         // "z = 0(0.1)1" (--margins-over): effects over a moderator, linear fits
    double level = 0.95;              // confidence level of the intervals
    // A covariance computed outside the sandwich (bootstrap or jackknife replicates, from
    // estimators/resampling), with its test distribution; replaces the one `vcov` names.
    std::optional<inference::Covariance> supplied;
    // --boottest: a wild cluster bootstrap test "boottest:<restriction>" per restriction, the bootstrap
    // clusters the intersection of `boot_cluster` (empty: the covariance's cluster variables).
    std::vector<std::string> boottest;
    std::vector<std::string> boot_cluster;
    resampling::WildOptions wild;
    std::vector<CombinedRow> rows;    // when set, the coefficient table reports these instead (same
                                      //   test distribution; --test then names them)
    std::vector<JointTest> joint;     // further joint tests on the coefficients (F or chi2, as wald)
};

// The coefficient table (t(df) or normal per conventions.md; options.rows replace the coefficients
// by combinations of them, with covariance R V R'), vcov_matrix, stats (the estimate's,
// plus f_stat/f_p for the slopes under the chosen covariance for linear models, df_resid and
// n_clusters), tests (the estimate's own, then one "wald" per restriction), dropped, fixed
// effects, convergence and notes; then options.joint's tests.
Result infer(const Estimate& estimate, const InferenceOptions& options = {});

}  // namespace gvcpanel::estimators
