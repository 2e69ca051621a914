// Serial-correlation tests. Observations are put in (entity, period) order first; lags are taken by
// row within an entity (pwartest, pwfdtest) or along the whole stacked vector (pbgtest), exactly as
// plm does. The auxiliary regressions go through estimators/linear/ols and the inference layer.
#include "estimators/panel/serial_correlation.hpp"

#include <algorithm>
#include <numeric>

#include "data/error.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/panel/panel_order.hpp"

namespace gvcpanel::estimators {

namespace {

// e_t = a + rho e_{t-1} within entities, by pooled OLS; F = ((rho - rho0) / se)^2 with plm's
// vcovHC(method = "arellano", type = "HC0"): clustered by entity, no small-sample factor.
template <typename Code>
TestResult lagged_residual_test(const arma::vec& e, const std::vector<Code>& entity, const std::vector<Code>& period,
                                double rho0, const char* name) {
    const auto order = panel_order(entity, period);
    std::vector<double> now, before;
    models::Grouping cluster;
    cluster.name = "entity";
    for (std::size_t r = 1; r < order.size(); ++r) {
        const arma::uword i = order[r], h = order[r - 1];
        if (entity[i] != entity[h]) continue;
        now.push_back(e(i));
        before.push_back(e(h));
        cluster.codes.push_back(static_cast<std::int32_t>(entity[i]));
    }
    if (now.size() < 3) throw Error(std::string(name) + ": fewer than three residuals with a lag in the same entity");
    cluster.levels = *std::max_element(cluster.codes.begin(), cluster.codes.end()) + 1;
    models::Design aux;
    aux.formula = "e ~ l(e,1)";
    aux.outcome = "e";
    aux.y = arma::vec(now);
    aux.X = arma::join_rows(arma::vec(now.size(), arma::fill::ones), arma::vec(before));
    aux.names = {"(Intercept)", "l(e,1)"};
    aux.sample.rows.resize(now.size());
    std::iota(aux.sample.rows.begin(), aux.sample.rows.end(), std::size_t{0});
    aux.sample.clusters = {cluster};
    const Estimate fit = ols(std::move(aux));
    InferenceOptions options;
    options.vcov = inference::VcovSpec::cluster({"entity"});
    options.ssc = inference::parse_ssc("none");
    const Result result = infer(fit, options);
    const double z = (fit.coef(1) - rho0) / result.coef.at(1).se;
    TestResult test;
    test.name = name;
    test.stat = z * z;
    test.df = {1.0, static_cast<double>(now.size()) - 2.0};
    test.p = inference::f_upper_p(test.stat, test.df[0], test.df[1]);
    return test;
}

}  // namespace

TestResult wooldridge_ar1(const arma::vec& residuals, const PanelGroups& groups) {
    const double T = static_cast<double>(groups.period_size.n_elem);
    if (T < 2) throw Error("wooldridge_ar1: the panel has a single period");
    TestResult test = lagged_residual_test(residuals, groups.entity, groups.period, -1.0 / (T - 1.0), "wooldridge_ar1");
    test.note = "Wooldridge's test for serial correlation in FE panels, rho = -1/(T-1) under H0 (plm's pwartest)";
    return test;
}

TestResult wooldridge_fd(const arma::vec& residuals, const std::vector<std::int32_t>& entity,
                         const std::vector<std::int32_t>& period) {
    TestResult test = lagged_residual_test(residuals, entity, period, 0.0, "wooldridge_fd");
    test.note = "Wooldridge's first-difference test, no serial correlation of the differences under H0 "
                "(plm's pwfdtest, Stata's xtserial)";
    return test;
}

TestResult wooldridge_fd_fe(const arma::vec& residuals, const std::vector<std::int32_t>& entity,
                            const std::vector<std::int32_t>& period) {
    TestResult test = lagged_residual_test(residuals, entity, period, -0.5, "wooldridge_fd_fe");
    test.note = "Wooldridge's first-difference test, rho = -0.5 under H0 (no serial correlation of the errors in "
                "levels; plm's pwfdtest(h0 = \"fe\"))";
    return test;
}

TestResult bg_serial(const arma::vec& y, const arma::mat& X, const PanelGroups& groups, int order) {
    if (order < 1) throw Error("bg_serial: the order must be at least 1");
    const arma::uvec sorted(panel_order(groups.entity, groups.period));
    const arma::vec ys = y.elem(sorted);
    const arma::mat xs = X.rows(sorted);
    const arma::vec u = xs.n_cols ? arma::vec(ys - xs * arma::vec(arma::solve(xs, ys))) : ys;
    const arma::uword n = u.n_elem;
    arma::mat lags(n, static_cast<arma::uword>(order), arma::fill::zeros);
    for (arma::uword k = 1; k <= static_cast<arma::uword>(order); ++k)
        for (arma::uword i = k; i < n; ++i) lags(i, k - 1) = u(i - k);
    const arma::mat aux = arma::join_rows(xs, lags);
    const arma::vec fitted = aux * arma::vec(arma::solve(aux, u));
    TestResult test;
    test.name = "bg_serial";
    test.stat = static_cast<double>(n) * arma::dot(fitted, fitted) / arma::dot(u, u);
    test.df = {static_cast<double>(order)};
    test.p = inference::chi2_upper_p(test.stat, test.df[0]);
    test.note = "Breusch-Godfrey/Wooldridge test of order " + std::to_string(order) + " (plm's pbgtest)";
    return test;
}

}  // namespace gvcpanel::estimators
