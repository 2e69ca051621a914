// Spatial panel models by maximum likelihood on a balanced panel with fixed effects (Elhorst 2014,
// ch. 3; Lee and Yu 2010), the likelihood concentrated in the one spatial parameter and maximised by
// a one-dimensional search (as splm::spml, model = "within"):
//   SAR (lag):   y_t = rho W y_t + X_t b + FE + e_t
//   SEM (error): y_t = X_t b + FE + u_t,  u_t = lambda W u_t + e_t
// SDM and SDEM are SAR and SEM whose X holds W x columns (named W:x). Data are period-major: row
// t N + i is unit i in period t, units in W's order.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

namespace gvcpanel::estimators::spatial {

enum class FixedEffectsKind { pooled, individual, time, twoways };
enum class SpatialModel { lag, error };

struct SpatialPanel {
    arma::vec y;                     // N T
    arma::mat X;                     // N T x k
    std::vector<std::string> names;  // k
    arma::sp_mat W;                  // N x N
    arma::uword units = 0, periods = 0;
};

struct SpatialOptions {
    SpatialModel model = SpatialModel::lag;
    FixedEffectsKind effects = FixedEffectsKind::individual;
    // Lee and Yu's (2010) correction, as splm's LeeYu = TRUE: individual effects sigma2 T/(T-1) and
    // the information with T-1 periods; time effects sigma2 N/(N-1) and N-1 units; two-way effects
    // the analytical bias correction of every parameter, then N-1 units and T-1 periods.
    bool lee_yu = false;
    double tolerance = 1e-10;  // the search's absolute precision in rho or lambda
};

struct SpatialFit {
    std::vector<std::string> names;  // "rho" (lag) or "lambda" (error), then the slopes
    arma::vec coef;
    arma::mat vcov;                  // the inverse information of (spatial parameter, slopes), sigma2 left out
    double sigma2 = 0, sigma2_se = 0;
    double loglik = 0;
    double low = 0, high = 0;        // the search interval
    bool at_bound = false;           // the maximum sits at an end of the interval
    int evaluations = 0;
};

// y and X with the fixed effects swept out (balanced panel: unit, period or both means).
arma::mat sweep_effects(const arma::mat& Z, arma::uword units, arma::uword periods, FixedEffectsKind effects);

// (I_T kron M) z: M applied to each period's block of every column.
arma::mat spatial_lag(const arma::sp_mat& M, const arma::mat& Z, arma::uword units);
arma::mat spatial_lag(const arma::mat& M, const arma::mat& Z, arma::uword units);

SpatialFit fit_spatial_panel(const SpatialPanel& panel, const SpatialOptions& options);

}  // namespace gvcpanel::estimators::spatial
