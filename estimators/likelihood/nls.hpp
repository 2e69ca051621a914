// Nonlinear least squares from a formula with named parameters: "y ~ b1 * (1 - exp(-b2 * x))"
// with starting values, solved by Ceres' Levenberg-Marquardt with automatic differentiation.
// Standard errors as NIST defines them: s^2 (J'J)^-1 at the solution, s^2 = RSS / (n - p).
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"
#include "estimators/estimate.hpp"
#include "models/nls_expression.hpp"

namespace gvcpanel::estimators {

struct NlsOptions {
    int max_iterations = 10000;          // Levenberg-Marquardt iterations
    double function_tolerance = 1e-15;   // stop when the RSS changes relatively by less
    double parameter_tolerance = 1e-15;  // stop when the step is relatively this small
    double gradient_tolerance = 1e-20;   // stop when the scaled gradient is this small
    int threads = 1;                     // threads for evaluating the residuals

    void validate() const;
};

// Fits `formula` on the rows of `frame` where every column it uses is present and the response is
// finite. `start` names every parameter, in the order the coefficients are reported. The estimate
// is linear-kind: bread (J'J)^-1, sigma2 = RSS/(n-p), scores J_i e_i, residuals and leverage, so
// that robust and clustered covariances work as for OLS. The fit ends with a refinement in long
// double that uses the columns' decimal residues when they carry them
// (ReadOptions::decimal_residues).
Estimate nls(const std::string& formula, const std::vector<models::StartValue>& start,
             const data::Frame& frame, const NlsOptions& options = {});

}  // namespace gvcpanel::estimators
