// The diagnostics every IV fit reports (conventions.md names): per endogenous regressor the first
// stage (coefficients, partial R2, F on the excluded instruments) and the Sanderson-Windmeijer F;
// weak identification (Cragg-Donald Wald F; Kleibergen-Paap rk Wald F and rk LM, robust with an
// hc or cluster diagnostics covariance, and under iid errors Cragg-Donald's F and Anderson's
// canonical-correlation LM); over-identification
// (Sargan, Hansen J); endogeneity of the endogenous regressors (Wu-Hausman F). As ivreg2 / AER.
#pragma once

#include <armadillo>
#include <nlohmann/json.hpp>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/iv/iv_system.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct IvDiagnostics {
    nlohmann::ordered_json first_stage = nlohmann::ordered_json::object();  // per endogenous name
    std::vector<TestResult> tests;
    std::vector<std::string> notes;
};

// `residuals` are the structural residuals y - X b (n) of the fit being diagnosed; `sample` gives
// the clusters when options.diagnostics_vcov clusters.
IvDiagnostics iv_diagnostics(const IvSystem& system, const arma::vec& residuals,
                             const models::Sample& sample, const IvOptions& options);

// The covariance of the moments Z'e: sum_i z_i z_i' e_i^2 (heteroskedastic), or the cluster sums
// sum_g (Z_g'e_g)(Z_g'e_g)' for the first variable of a cluster spec; iid: s^2 Z'Z, s^2 = e'e/n.
arma::mat moment_covariance(const arma::mat& Z, const arma::vec& e, const models::Sample& sample,
                            const inference::VcovSpec& spec);

}  // namespace gvcpanel::estimators
