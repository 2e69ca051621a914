// Estimate -> Result: the covariance chosen after fitting, the coefficient table with t(df) or
// normal tests and confidence intervals, the slopes' Wald F, and the user's Wald tests.
#include "estimators/infer.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/degenerate_fit.hpp"
#include "estimators/inference/bell_mccaffrey.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/inference/delta_method.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/inference/moderation.hpp"
#include "estimators/inference/wald.hpp"
#include "estimators/resampling/wild_bootstrap.hpp"
#include "estimators/resampling/wild_iv_bootstrap.hpp"

namespace gvcpanel::estimators {

namespace {

void check_contract(const Estimate& e) {
    const std::size_t k = e.k();
    if (e.names.size() != k || e.bread.n_rows != k || e.bread.n_cols != k)
        throw Error("estimator '" + e.estimator + "': inconsistent estimate (" + std::to_string(k) +
                    " coefficients, " + std::to_string(e.names.size()) + " names, bread " +
                    std::to_string(e.bread.n_rows) + " x " + std::to_string(e.bread.n_cols) + ")");
}

// No residual degrees of freedom: the fit passes through every observation, so nothing measures its
// uncertainty (linear models count the absorbed fixed effects; the others their coefficients).
void require_residual_df(const Estimate& e) {
    const std::size_t parameters = e.k() + (e.kind == ModelKind::linear ? e.df_fe : 0);
    if (e.nobs > parameters) return;
    std::string what = std::to_string(e.k()) + " coefficients";
    if (e.kind == ModelKind::linear && e.df_fe > 0) what += " and " + std::to_string(e.df_fe) + " fixed-effect parameters";
    throw Error(e.estimator + ": " + std::to_string(e.nobs) + (e.nobs == 1 ? " observation" : " observations") +
                " for " + what + ": no residual degrees of freedom, so standard errors and tests are undefined; "
                "use fewer regressors or fixed effects, or more observations");
}

// An exact fit's standard errors are rounding noise: no statistic, p-value or test from them.
void withhold_tests(Result& r) {
    for (auto& row : r.coef) row.stat = row.p = std::nan("");
    if (r.stats.contains("f_stat")) r.stats["f_stat"] = r.stats["f_p"] = nullptr;
    r.notes.push_back(exact_fit_note());
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
    // No F when the slopes' covariance is not finite, singular or indefinite (multi-way clusters
    // with vcov_fix=0).
    if (!middle.is_finite() || arma::rank(middle) < middle.n_rows || !arma::mat(arma::symmatu(middle)).is_sympd()) {
        stats["f_stat"] = nullptr;
        stats["f_p"] = nullptr;
        return;
    }
    const TestResult f = v.bell_mccaffrey ? inference::htz_test(e.coef, v.matrix, slope_restrictions, *v.bell_mccaffrey)
                                          : inference::wald_test(e.coef, v.matrix, slope_restrictions, v.df);
    stats["f_stat"] = f.stat;
    stats["f_p"] = f.p;
}

// --boottest: the error clusters are the covariance's (or, without a clustered covariance, the
// bootstrap's), the bootstrap clusters --boot-cluster's (default: the error clusters).
TestResult wild_test(const Estimate& e, const InferenceOptions& options, const std::string& text) {
    const auto& error_names = options.vcov.clustered() ? options.vcov.clusters : options.boot_cluster;
    const auto& boot_names = options.boot_cluster.empty() ? error_names : options.boot_cluster;
    if (boot_names.empty())
        throw Error("--boottest '" + text + "': name the clusters with --vcov cluster:VAR or --boot-cluster VAR");
    const auto groupings = [&](const std::vector<std::string>& names) {
        std::vector<const models::Grouping*> found;
        for (const auto& name : names) found.push_back(&inference::find_grouping(e, name, "--boottest '" + text + "'"));
        return found;
    };
    // "x1" tests x1 = 0; the test keeps the text as written.
    auto restriction = inference::parse_restrictions(text.find('=') == std::string::npos ? text + " = 0" : text, e.names);
    restriction.text = text;
    if (e.iv_system)
        return resampling::wild_iv_bootstrap(e, *e.iv_system, restriction, groupings(error_names), groupings(boot_names),
                                             options.ssc, options.wild);
    return resampling::wild_cluster_bootstrap(e, restriction, groupings(error_names), groupings(boot_names), options.ssc,
                                              options.wild);
}

// --test: linear restrictions, or, when they are not linear (a product, a ratio, a function of
// coefficients), their delta-method linearisation (testnl); the linear parser's error when neither reads.
inference::Restrictions restrictions_of(const std::string& text, const arma::vec& coef,
                                        const std::vector<std::string>& names) {
    try {
        return inference::parse_restrictions(text, names);
    } catch (const Error& linear) {
        try {
            return inference::nonlinear_restrictions(text, coef, names);
        } catch (const Error&) {
            throw linear;
        }
    }
}

// R (rows x k) of combinations over the estimate's coefficient names.
arma::mat combination_matrix(const std::vector<CombinedRow>& rows, const std::vector<std::string>& names) {
    arma::mat R(rows.size(), names.size(), arma::fill::zeros);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (const auto& [name, weight] : rows[i].weights) {
            const auto it = std::find(names.begin(), names.end(), name);
            if (it == names.end()) throw Error("combined row '" + rows[i].name + "': no coefficient '" + name + "'");
            R(i, std::size_t(it - names.begin())) += weight;
        }
    return R;
}

}  // namespace

Result infer(const Estimate& e, const InferenceOptions& options) {
    check_contract(e);
    require_residual_df(e);
    if (!(options.level > 0.0 && options.level < 1.0))
        throw Error("confidence level " + std::to_string(options.level) + " is not between 0 and 1");
    const inference::Covariance v =
        options.supplied ? *options.supplied : inference::covariance(e, options.vcov, options.ssc);

    Result r;
    r.formula = e.formula;
    r.outcome = e.outcome;
    r.estimator = e.estimator;
    r.vcov = options.vcov.text();
    r.vcov_label = v.label;
    r.ssc = options.ssc.text();
    r.nobs = e.nobs;
    r.dropped = e.sample.dropped;
    // The reported parameters: the coefficients, or the requested combinations of them.
    std::vector<std::string> names = e.names;
    arma::vec estimates = e.coef;
    r.vcov_matrix = v.matrix;
    if (!options.rows.empty()) {
        const arma::mat R = combination_matrix(options.rows, e.names);
        names.clear();
        for (const auto& row : options.rows) names.push_back(row.name);
        estimates = R * e.coef;
        r.vcov_matrix = arma::symmatu(R * v.matrix * R.t());
    }

    for (arma::uword j = 0; j < estimates.n_elem; ++j) {
        // t_df=bm: each coefficient's own Satterthwaite df (clubSandwich's coef_test); combined rows
        // have none of their own and use the covariance's df.
        const double df = v.bell_mccaffrey && options.rows.empty() ? v.bell_mccaffrey->coefficient_df(j) : v.df;
        const double critical = inference::two_sided_critical(options.level, df);
        CoefRow row;
        row.name = names[j];
        row.estimate = estimates(j);
        const double variance = r.vcov_matrix(j, j);
        row.se = variance >= 0.0 ? std::sqrt(variance) : std::nan("");
        row.stat = row.se > 0.0 ? row.estimate / row.se : std::nan("");
        row.p = inference::two_sided_p(row.stat, df);
        row.ci_low = row.estimate - critical * row.se;
        row.ci_high = row.estimate + critical * row.se;
        r.coef.push_back(row);
    }
    r.ancillary = e.ancillary;

    r.stats = e.stats;
    if (v.bell_mccaffrey) {
        nlohmann::ordered_json df = nlohmann::ordered_json::object();
        for (arma::uword j = 0; j < e.k(); ++j) df[e.names[j]] = v.bell_mccaffrey->coefficient_df(j);
        r.stats["satterthwaite_df"] = df;
    }
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
    const bool testable = !e.exact_fit && v.matrix.is_finite();
    for (const auto& text : options.wald) {
        const auto restrictions = restrictions_of(text, estimates, names);
        if (!testable) {
            TestResult untested;  // stat and p stay NaN: nothing to test them with
            untested.name = "wald";
            untested.restriction = restrictions.text;
            r.tests.push_back(untested);
            continue;
        }
        r.tests.push_back(v.bell_mccaffrey && options.rows.empty()
                              ? inference::htz_test(e.coef, v.matrix, restrictions, *v.bell_mccaffrey)
                              : inference::wald_test(estimates, r.vcov_matrix, restrictions, v.df));
    }
    for (const auto& text : options.boottest) r.tests.push_back(wild_test(e, options, text));
    for (const auto& text : options.nlcom)
        r.nlcom.push_back(inference::nlcom_row(text, estimates, r.vcov_matrix, names, v.df, options.level));
    if (!options.margins_over.empty()) {
        if (e.kind != ModelKind::linear)
            throw Error("--margins-over: effects over a moderator are computed for linear models (the index is the "
                        "mean); for likelihood models use --margins-at \"z = 0, 0.5, 1\"");
        inference::add_moderated_effects(r, names, estimates, r.vcov_matrix, v.df, options.level,
                                         inference::parse_margins_over(options.margins_over));
    }
    std::vector<std::string> joint_notes;
    for (const auto& joint : options.joint) {
        inference::Restrictions restrictions;
        restrictions.R = combination_matrix(joint.rows, e.names);
        restrictions.r.zeros(joint.rows.size());
        restrictions.text = joint.name;
        const arma::mat middle = restrictions.R * v.matrix * restrictions.R.t();
        if (!middle.is_finite() || arma::rank(middle) < middle.n_rows) {
            joint_notes.push_back(joint.name + ": not reported, the covariance of its estimates is singular");
            continue;
        }
        TestResult test = inference::wald_test(e.coef, v.matrix, restrictions, v.df);
        test.name = joint.name;
        test.restriction.clear();
        r.tests.push_back(std::move(test));
    }

    r.converged = e.converged;
    r.convergence_message = e.convergence_message;
    r.notes = e.notes;
    r.notes.insert(r.notes.end(), v.notes.begin(), v.notes.end());
    r.notes.insert(r.notes.end(), joint_notes.begin(), joint_notes.end());
    if (e.exact_fit) withhold_tests(r);
    // A covariance with infinite or undefined entries has no standard errors to report: the fit is
    // not one to use, whatever the optimiser said.
    if (!v.matrix.is_finite() && !v.withheld) {
        r.converged = false;
        const std::string verdict = "the covariance matrix is not finite (" + r.vcov +
                                    "): the standard errors cannot be computed; look for regressors that are "
                                    "nearly collinear or huge, or an outcome the model predicts perfectly";
        r.convergence_message = r.convergence_message.empty() ? verdict : r.convergence_message + "; " + verdict;
    }
    return r;
}

}  // namespace gvcpanel::estimators
