// Ordinary (and weighted) least squares: through the Gram matrix when the design is well
// conditioned, else by Householder QR with column pivoting, so that exactly collinear terms are
// found, dropped and reported by name rather than producing NaN.
#pragma once

#include "estimators/estimate.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct OlsOptions {
    std::size_t absorbed_df = 0;  // K_fe: degrees of freedom already absorbed (fixed effects)
    // Column j (unit-norm, in order) is collinear when the part the earlier kept columns leave
    // unexplained is below this fraction of its norm; Filip's x^10 keeps 5e-8, R's lm uses 1e-7.
    double collinearity_tolerance = 1e-10;
    bool leverage = true;  // the hat diagonal for HC2/HC3 (a pass over X; paths that refuse them skip it)
};

// Consumes the design (its matrices move into the estimate where useful).
Estimate ols(models::Design design, const OlsOptions& options = {});

}  // namespace gvcpanel::estimators
