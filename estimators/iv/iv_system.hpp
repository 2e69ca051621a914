// The linear IV system y = X b + e with instruments Z, ready for 2SLS, LIML and GMM: fixed effects
// partialled out of y, X and the excluded instruments (Frisch-Waugh-Lovell, as xtivreg2 and
// fixest's feols with an IV part), then every row scaled by sqrt(w_i) so that the estimators need
// no weights. X is n x k (the formula's regressors in their order); Z is n x L: the exogenous
// regressors, then the excluded instruments.
#pragma once

#include <armadillo>
#include <cstddef>
#include <string>
#include <vector>

#include "estimators/fixed_effects/demean.hpp"
#include "estimators/fixed_effects/demeaned_store.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct IvOptions {
    DemeanOptions demean;                      // demeaning of y, X and Z when there are fixed effects
    double collinearity_tolerance = 1e-7;      // a column whose norm after demeaning is below this
                                               //   fraction of its norm before is absorbed by the FE
    inference::VcovSpec diagnostics_vcov;      // covariance of the first-stage F tests and of the
                                               //   Hansen J weights (the fit's --vcov); iid by default
    inference::Ssc diagnostics_ssc;            // small-sample corrections of those first-stage tests
    DemeanedStore* demeaned_store = nullptr;   // demeaned columns shared with other fits on the sample
                                               //   (the batch runner's); nullptr = demean them here
    bool keep_system = false;                  // 2SLS: keep the system in Estimate::iv_system (--boottest)

    void validate() const;
};

struct IvSystem {
    arma::vec y;                               // n
    arma::mat X;                               // n x k
    arma::mat Z;                               // n x L: X.cols(exogenous), then the excluded instruments
    std::vector<std::string> names;            // k, as Design::names
    std::vector<std::string> excluded_names;   // L - exogenous.n_elem excluded instrument names
    arma::uvec endogenous;                     // positions in X of the endogenous regressors
    arma::uvec exogenous;                      // positions in X of the exogenous regressors
    arma::vec sqrt_weights;                    // n; empty when unweighted
    std::size_t df_fe = 0;                     // K_fe absorbed by the fixed effects
    bool has_intercept = true;
    arma::vec y_levels;                        // n: the outcome before demeaning, unweighted (for r2)
    std::size_t demean_iterations = 0;
    bool converged = true;
    std::string message;                       // the demeaning verdict when not converged

    std::size_t n() const { return y.n_elem; }
    std::size_t n_excluded() const { return Z.n_cols - exogenous.n_elem; }
};

// Checks the IV part and builds the system; exogenous regressors absorbed by the fixed effects are
// dropped and added to design.sample.dropped.collinear. An endogenous regressor or an excluded
// instrument absorbed by the fixed effects, or fewer excluded instruments than endogenous
// regressors, is an Error naming them.
IvSystem iv_system(models::Design& design, const IvOptions& options, const std::string& caller);

}  // namespace gvcpanel::estimators
