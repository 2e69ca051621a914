// Estimate -> Result: the covariance chosen after fitting, the coefficient table with t(df) or
// normal tests and confidence intervals, the slopes' Wald F, and the user's Wald tests.
#include "estimators/infer.hpp"

#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/inference/wald.hpp"

namespace gvcpanel::estimators {

namespace {

void check_contract(const Estimate& e) {
    const std::size_t k = e.k();
    if (e.names.size() != k || e.bread.n_rows != k || e.bread.n_cols != k)
        throw Error("estimator '" + e.estimator + "': inconsistent estimate (" + std::to_string(k) +
                    " coefficients, " + std::to_string(e.names.size()) + " names, bread " +
                    std::to_string(e.bread.n_rows) + " x " + std::to_string(e.bread.n_cols) + ")");
}

// The slopes' joint Wald test (every coefficient but the intercept), with the chosen covariance.
void add_slopes_f(const Estimate& e, const inference::Covariance& v, nlohmann::ordered_json& stats) {
    std::vector<arma::uword> slopes;
    for (arma::uword j = 0; j < e.k(); ++j)
        if (e.names[j] != "(Intercept)") slopes.push_back(j);
    if (slopes.empty() || !std::isfinite(v.df)) return;
    inference::Restrictions slope_restrictions;
    slope_restrictions.R.zeros(slopes.size(), e.k());
    slope_restrictions.r.zeros(slopes.size());
    for (std::size_t q = 0; q < slopes.size(); ++q) slope_restrictions.R(q, slopes[q]) = 1.0;
    const arma::mat middle = slope_restrictions.R * v.matrix * slope_restrictions.R.t();
    // No F when the slopes' covariance is singular or indefinite (multi-way clusters with vcov_fix=0).
    if (arma::rank(middle) < middle.n_rows || !arma::mat(arma::symmatu(middle)).is_sympd()) {
        stats["f_stat"] = nullptr;
        stats["f_p"] = nullptr;
        return;
    }
    const TestResult f = inference::wald_test(e.coef, v.matrix, slope_restrictions, v.df);
    stats["f_stat"] = f.stat;
    stats["f_p"] = f.p;
}

}  // namespace

Result infer(const Estimate& e, const InferenceOptions& options) {
    check_contract(e);
    if (!(options.level > 0.0 && options.level < 1.0))
        throw Error("confidence level " + std::to_string(options.level) + " is not between 0 and 1");
    const inference::Covariance v =
        options.supplied ? *options.supplied : inference::covariance(e, options.vcov, options.ssc);

    Result r;
    r.formula = e.formula;
    r.outcome = e.outcome;
    r.estimator = e.estimator;
    r.vcov = options.vcov.text();
    r.ssc = options.ssc.text();
    r.nobs = e.nobs;
    r.dropped = e.sample.dropped;
    r.vcov_matrix = v.matrix;

    const double critical = inference::two_sided_critical(options.level, v.df);
    for (arma::uword j = 0; j < e.k(); ++j) {
        CoefRow row;
        row.name = e.names[j];
        row.estimate = e.coef(j);
        const double variance = v.matrix(j, j);
        row.se = variance >= 0.0 ? std::sqrt(variance) : std::nan("");
        row.stat = row.se > 0.0 ? row.estimate / row.se : std::nan("");
        row.p = inference::two_sided_p(row.stat, v.df);
        row.ci_low = row.estimate - critical * row.se;
        row.ci_high = row.estimate + critical * row.se;
        r.coef.push_back(row);
    }
    r.ancillary = e.ancillary;

    r.stats = e.stats;
    if (e.kind == ModelKind::linear) {
        if (!r.stats.contains("df_resid")) r.stats["df_resid"] = static_cast<double>(e.nobs) - e.k() - e.df_fe;
        add_slopes_f(e, v, r.stats);
    }
    if (!v.n_clusters.empty()) {
        nlohmann::ordered_json clusters = nlohmann::ordered_json::object();
        for (const auto& [name, g] : v.n_clusters) clusters[name] = g;
        r.stats["n_clusters"] = clusters;
    }

    for (const auto& effect : e.sample.fixed_effects) r.fixed_effects.push_back({effect.name, effect.levels});
    r.tests = e.tests;
    for (const auto& text : options.wald)
        r.tests.push_back(inference::wald_test(e.coef, v.matrix, inference::parse_restrictions(text, e.names), v.df));

    r.converged = e.converged;
    r.convergence_message = e.convergence_message;
    r.notes = e.notes;
    r.notes.insert(r.notes.end(), v.notes.begin(), v.notes.end());
    return r;
}

}  // namespace gvcpanel::estimators
