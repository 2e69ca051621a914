#include "estimators/spatial/spatial_tests.hpp"

#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/spatial/spatial_panel.hpp"

namespace gvcpanel::estimators::spatial {

MoranResult moran(const arma::vec& x, const arma::sp_mat& W, arma::uword periods, bool randomisation) {
    const double n = double(x.n_elem), T = double(periods);
    if (x.n_elem < 4) throw Error("Moran's I needs at least 4 observations");
    const arma::vec z = x - arma::mean(x);
    const arma::vec Wz = spatial_lag(W, z, W.n_rows);
    const double zz = arma::dot(z, z);
    if (zz == 0) throw Error("Moran's I: the variable is constant");
    // The weights constants of I_T kron W: T times those of W.
    const double S0 = T * arma::accu(W);
    const arma::sp_mat sym = W + W.t();
    const double S1 = T * 0.5 * arma::accu(arma::square(sym));
    const arma::vec margins = arma::vec(arma::sum(W, 1)) + arma::vec(arma::sum(W, 0).t());
    const double S2 = T * arma::accu(arma::square(margins));
    MoranResult result;
    result.I = n / S0 * arma::dot(z, Wz) / zz;
    result.expectation = -1.0 / (n - 1);
    const double E2 = result.expectation * result.expectation;
    if (randomisation) {
        const double K = n * arma::accu(arma::pow(z, 4)) / (zz * zz);
        result.variance = (n * ((n * n - 3 * n + 3) * S1 - n * S2 + 3 * S0 * S0) -
                           K * (n * (n - 1) * S1 - 2 * n * S2 + 6 * S0 * S0)) /
                              ((n - 1) * (n - 2) * (n - 3) * S0 * S0) - E2;
    } else {
        result.variance = (n * n * S1 - n * S2 + 3 * S0 * S0) / (S0 * S0 * (n * n - 1)) - E2;
    }
    result.z = (result.I - result.expectation) / std::sqrt(result.variance);
    result.p = 0.5 * std::erfc(result.z / std::sqrt(2.0));
    return result;
}

std::vector<TestResult> lm_tests(const arma::vec& y, const arma::mat& X, const arma::sp_mat& W, arma::uword periods) {
    const arma::uword n = W.n_rows;
    const double NT = double(y.n_elem), T = double(periods);
    const arma::vec b = arma::solve(X, y);
    const arma::vec fitted = X * b, e = y - fitted;
    const double s2 = arma::dot(e, e) / NT;
    const arma::vec Wy = spatial_lag(W, y, n), We = spatial_lag(W, e, n), WXb = spatial_lag(W, fitted, n);
    const arma::vec MWXb = WXb - X * arma::solve(X, WXb);
    const double TW = T * (arma::accu(W % W.t()) + arma::accu(arma::square(W)));
    const double J = arma::dot(WXb, MWXb) / s2 + TW;
    const double lag = arma::dot(e, Wy) / s2, error = arma::dot(e, We) / s2;
    const std::pair<const char*, double> stats[] = {
        {"lm_lag", lag * lag / J},
        {"lm_error", error * error / TW},
        {"rlm_lag", std::pow(lag - error, 2) / (J - TW)},
        {"rlm_error", std::pow(error - TW / J * lag, 2) / (TW * (1 - TW / J))}};
    std::vector<TestResult> tests;
    for (const auto& [name, stat] : stats) {
        TestResult test;
        test.name = name;
        test.stat = stat;
        test.df = {1};
        test.p = inference::chi2_upper_p(stat, 1);
        tests.push_back(test);
    }
    return tests;
}

}  // namespace gvcpanel::estimators::spatial
