// Hausman tests. The classical contrast inverts V_fe - V_re over the common slopes (k x k); the
// regression-based test fits the auxiliary OLS (n x (1 + 2k)) and tests its last k coefficients
// with the inference layer, so any covariance type applies.
#include "estimators/panel/hausman.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/linear/ols.hpp"
#include "estimators/panel/panel_groups.hpp"

namespace gvcpanel::estimators {

namespace {

arma::mat iid_covariance(const Estimate& fit) {
    return fit.iid_vcov.is_empty() ? arma::mat(fit.sigma2 * fit.bread) : fit.iid_vcov;
}

// Relative within norm below which a regressor does not vary within groups.
constexpr double kConstantTolerance = 1e-10;

}  // namespace

TestResult hausman(const Estimate& fixed, const Estimate& random) {
    std::vector<arma::uword> in_fixed, in_random;
    for (std::size_t j = 0; j < fixed.names.size(); ++j) {
        const auto at = std::find(random.names.begin(), random.names.end(), fixed.names[j]);
        if (fixed.names[j] == "(Intercept)" || at == random.names.end()) continue;
        in_fixed.push_back(j);
        in_random.push_back(static_cast<arma::uword>(at - random.names.begin()));
    }
    if (in_fixed.empty()) throw Error("hausman: the fixed- and random-effects fits share no slope");
    const arma::uvec f(in_fixed), r(in_random);
    const arma::vec d = fixed.coef.elem(f) - random.coef.elem(r);
    const arma::mat V = iid_covariance(fixed).submat(f, f) - iid_covariance(random).submat(r, r);
    TestResult test;
    test.name = "hausman";
    // plm's phtest reports the absolute value when V_fe - V_re is not positive definite.
    test.stat = std::abs(arma::as_scalar(d.t() * arma::solve(V, d)));
    test.df = {static_cast<double>(d.n_elem)};
    test.p = inference::chi2_upper_p(test.stat, test.df[0]);
    test.note = "fixed against random effects, iid covariances of both fits (plm's phtest)";
    if (!V.is_sympd())
        test.note += "; V_fe - V_re is not positive definite: the statistic may be negative or unreliable";
    return test;
}

TestResult hausman_regression(const models::Design& design, const RandomEffectsOptions& options,
                              InferenceOptions inference, const std::string& name) {
    const PanelGroups groups = panel_groups(design, "hausman", time_use(options.effect));
    QuasiDemeaned q = quasi_demean(design, options);
    models::Design aux = std::move(q.design);
    // plm's auxiliary model: a plain intercept, the transformed slopes, and the within regressors.
    aux.X.col(0).ones();
    arma::mat X = design.X;
    std::vector<std::string> names = design.names;
    const auto intercept = std::find(names.begin(), names.end(), "(Intercept)");
    if (intercept != names.end()) {
        X.shed_col(static_cast<arma::uword>(intercept - names.begin()));
        names.erase(intercept);
    }
    const arma::mat W = within_transform(X, groups, options.effect);
    std::vector<std::string> tested;
    for (arma::uword j = 0; j < W.n_cols; ++j) {
        if (arma::norm(W.col(j)) <= kConstantTolerance * arma::norm(X.col(j))) continue;
        aux.X.insert_cols(aux.X.n_cols, W.col(j));
        aux.names.push_back(names[j] + ".tilde");
        tested.push_back(names[j] + ".tilde");
    }
    if (tested.empty()) throw Error(name + ": no regressor varies within entities");
    if (inference.vcov.clustered() && inference.vcov.clusters.empty()) {
        models::Grouping entity;
        entity.name = "entity";
        entity.levels = static_cast<std::int32_t>(groups.entity_size.n_elem);
        for (const arma::uword c : groups.entity) entity.codes.push_back(static_cast<std::int32_t>(c));
        aux.sample.clusters.push_back(std::move(entity));
        inference.vcov.clusters = {"entity"};
    }
    const Estimate fit = ols(std::move(aux));
    const Result result = infer(fit, inference);
    std::vector<arma::uword> at;
    for (const auto& t : tested)
        at.push_back(static_cast<arma::uword>(std::find(fit.names.begin(), fit.names.end(), t) - fit.names.begin()));
    if (std::any_of(at.begin(), at.end(), [&](arma::uword j) { return j == fit.names.size(); }))
        throw Error(name + ": a within-transformed regressor is collinear with the others in the auxiliary "
                    "regression (with time effects: more regressors than periods)");
    const arma::uvec idx(at);
    const arma::vec b = fit.coef.elem(idx);
    TestResult test;
    test.name = name;
    test.stat = arma::as_scalar(b.t() * arma::solve(arma::mat(result.vcov_matrix.submat(idx, idx)), b));
    test.df = {static_cast<double>(idx.n_elem)};
    test.p = inference::chi2_upper_p(test.stat, test.df[0]);
    test.note = "regression-based (plm's phtest method = \"aux\"), covariance " + result.vcov;
    return test;
}

}  // namespace gvcpanel::estimators
