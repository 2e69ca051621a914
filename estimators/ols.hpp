// Ordinary (and weighted) least squares by Householder QR with column pivoting, so that exactly
// collinear terms are found, dropped and reported by name rather than producing NaN.
#pragma once

#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct OlsOptions {
    std::size_t absorbed_df = 0;  // K_fe: degrees of freedom already absorbed (fixed effects)
    double collinearity_tolerance = 1e-10;  // |R_jj| / max|R_ii| below this: column j is collinear
};

// Consumes the design (its matrices move into the estimate where useful).
Estimate ols(models::Design design, const OlsOptions& options = {});

}  // namespace gvcpanel::estimators
