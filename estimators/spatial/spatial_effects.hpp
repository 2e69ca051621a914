// LeSage and Pace's (2009, ch. 2.7) direct, indirect and total effects of the SAR and SDM: for
// regressor x with slope b and Durbin slope theta (0 in the SAR), S = (I - rho W)^-1 (b I + theta W);
// direct = tr(S)/n, total = 1'S1/n, indirect = total - direct. tr((I - rho W)^-1) and
// tr((I - rho W)^-1 W) come from W's eigenvalues, 1'S1 from two solves. Standard errors by the
// delta method (analytic gradients in rho, b, theta) and by simulation: draws of the parameters
// from N(estimate, V), the effects' standard deviation over the draws (LeSage and Pace's method).
#pragma once

#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

namespace gvcpanel::estimators::spatial {

struct SpatialEffectsRow {
    std::string name;            // direct::x1, indirect::x1, total::x1
    double estimate = 0;
    double se_simulated = 0;     // the standard deviation over the draws
};

struct SpatialEffects {
    std::vector<SpatialEffectsRow> rows;  // direct, indirect, total per regressor
    arma::mat gradient;          // rows x parameters: d effect / d (rho, slopes, W:x), for the delta method
    std::size_t draws = 0;
};

// `names` and `coef` as the SAR/SDM fit reports them: "rho" first, then the slopes, the SDM's W:x
// among them; `vcov` their covariance. The intercept has no effect. `draws` 0 skips the simulation.
SpatialEffects spatial_effects(const arma::sp_mat& W, const std::vector<std::string>& names, const arma::vec& coef,
                               const arma::mat& vcov, std::size_t draws, std::uint64_t seed);

}  // namespace gvcpanel::estimators::spatial
