// Wooldridge (2009): the two equations of the control-function approach estimated together as one
// linear GMM system, so that the standard errors are analytic. With c() the first-stage polynomial in
// (state inputs, proxy) and productivity a random walk with drift (prodest's and Stata prodest's
// wrdg), for the technology's terms x:
//   y_t = a1 + x_t'b + c_t'l + e_t,       instruments 1, x_t, c_t
//   y_t = a2 + x_t'b + c_{t-1}'l + u_t,   instruments 1, x_t with the free inputs lagged, c_{t-1}
// (instruments in the span of the others are dropped). Two-step efficient GMM: the first step
// weights each equation by its (Z'Z)^-1, the second by the inverse of S = sum over firms of h_f h_f',
// h_f the firm's sum of [Z1_i e_i; Z2_i u_i]; V = (A'S^-1 A)^-1 (clustered by firm), Hansen's J.
// Rows: the observations with a lag, in both equations.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "estimators/prodfn/production_panel.hpp"
#include "estimators/prodfn/technology.hpp"

namespace gvcpanel::estimators::prodfn {

struct WooldridgeOptions {
    int poly = 2;            // degree of c() (--poly)
    bool translog = false;   // --translog
};

// The stacked system on the rows with a lag: parameters (a1, a2, b, l); row i of X1/X2 and Z1/Z2
// is observation i's regressors and instruments in each equation.
struct WooldridgeSystem {
    arma::mat X1, X2, Z1, Z2;
    arma::vec y;
    std::vector<std::int32_t> firm;
    std::vector<std::size_t> rows;       // the panel row of each observation
    std::size_t terms = 0;               // b's length (the technology's terms), after a1 and a2
    arma::mat X1_all;                    // the first equation's regressors on every panel row
};

WooldridgeSystem wooldridge_system(const ProductionPanel& panel, const WooldridgeOptions& options);

struct WooldridgeFit {
    std::vector<std::string> names;      // the technology's terms
    arma::vec coef;                      // b
    arma::mat vcov;                      // b's block of (A'S^-1 A)^-1
    arma::vec theta;                     // every parameter (a1, a2, b, l)
    double hansen = arma::datum::nan, hansen_df = 0;
    std::size_t rows = 0, instruments = 0;
    arma::vec epsilon;                   // every panel row: y - (a1 + x'b + c'l), the first equation's residual
};

WooldridgeFit wooldridge(const ProductionPanel& panel, const WooldridgeOptions& options);

}  // namespace gvcpanel::estimators::prodfn
