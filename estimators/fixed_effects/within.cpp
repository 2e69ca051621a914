// The within estimator: demean y and X in place (estimators/fixed_effects/demean), drop the regressors the fixed
// effects absorb, and hand the rest to OLS without intercept with K_fe degrees of freedom absorbed
// (estimators/fixed_effects/fe_dof). X is n x k, one row per observation. The pooled fit for f_fe comes from the
// centred cross-products of (X, y), taken before demeaning in row blocks, so no copy of X is kept.
#include "estimators/fixed_effects/within.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "data/error.hpp"
#include "estimators/degenerate_fit.hpp"
#include "estimators/fixed_effects/fe_dof.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/linear/ols.hpp"

namespace gvcpanel::estimators {

void WithinOptions::validate() const {
    demean.validate();
    if (!(collinearity_tolerance > 0 && collinearity_tolerance < 1)) {
        std::ostringstream message;
        message << "within options: collinearity_tolerance = " << collinearity_tolerance
                << " must lie strictly between 0 and 1";
        throw Error(message.str());
    }
}

namespace {

double weighted_sum(const double* v, std::size_t n, const arma::vec& w) {
    double total = 0;
    if (w.is_empty())
        for (std::size_t i = 0; i < n; ++i) total += v[i];
    else
        for (std::size_t i = 0; i < n; ++i) total += w[i] * v[i];
    return total;
}

double weighted_sum_of_squares(const double* v, std::size_t n, const arma::vec& w) {
    double total = 0;
    if (w.is_empty())
        for (std::size_t i = 0; i < n; ++i) total += v[i] * v[i];
    else
        for (std::size_t i = 0; i < n; ++i) total += w[i] * v[i] * v[i];
    return total;
}

// (k+1) x (k+1) weighted cross-products of (X, y) centred at their weighted means.
arma::mat centred_gram(const arma::mat& X, const arma::vec& y, const arma::vec& w, double sum_w) {
    const arma::uword n = X.n_rows, k = X.n_cols;
    arma::rowvec means(k + 1);
    for (arma::uword j = 0; j <= k; ++j)
        means(j) = weighted_sum(j < k ? X.colptr(j) : y.memptr(), n, w) / sum_w;
    constexpr arma::uword kBlock = 4096;
    arma::mat gram(k + 1, k + 1, arma::fill::zeros);
    arma::mat block;
    for (arma::uword begin = 0; begin < n; begin += kBlock) {
        const arma::uword end = std::min(n, begin + kBlock) - 1;
        block = arma::join_rows(X.rows(begin, end), y.rows(begin, end));
        block.each_row() -= means;
        if (!w.is_empty()) block.each_col() %= arma::sqrt(w.rows(begin, end));
        gram += block.t() * block;
    }
    return gram;
}

// plm's pFtest: the within fit against pooled OLS with an intercept and the same regressors.
TestResult fixed_effects_f(const arma::mat& gram, const std::vector<arma::uword>& kept, double rss,
                           double df1, double df2) {
    const arma::uword y = gram.n_rows - 1;
    double rss_pooled = gram(y, y);
    if (!kept.empty()) {
        const arma::uvec x = arma::conv_to<arma::uvec>::from(kept);
        const arma::uvec last{y};
        const arma::vec xy = gram.submat(x, last);
        rss_pooled -= arma::dot(xy, arma::solve(gram.submat(x, x), xy));
    }
    TestResult test;
    test.name = "f_fe";
    test.df = {df1, df2};
    test.stat = ((rss_pooled - rss) / df1) / (rss / df2);
    test.p = inference::f_upper_p(test.stat, df1, df2);
    test.note = "the fixed effects are all zero: within fit against pooled OLS (plm's pFtest)";
    return test;
}

Estimate fit(models::Design design, const WithinOptions& options,
             FixedEffectEstimates* fixed_effects) {
    options.validate();
    const std::vector<models::Grouping>& effects = design.sample.fixed_effects;
    if (effects.empty())
        throw Error("within: the model '" + design.formula + "' has no fixed effects to absorb");
    const auto with_slopes =
        std::find_if(effects.begin(), effects.end(), [](const auto& g) { return g.has_slopes(); });
    if (fixed_effects && with_slopes != effects.end())
        throw Error("--save-fe: the fixed-effect estimates are not available with varying slopes ('" +
                    with_slopes->name + "')");
    const std::size_t n = design.nobs();
    if (design.X.n_rows != n || design.names.size() != design.X.n_cols ||
        (!design.weights.is_empty() && design.weights.n_elem != n)) {
        std::ostringstream message;
        message << "within: inconsistent design (" << n << " outcomes, X " << design.X.n_rows << " x "
                << design.X.n_cols << ", " << design.names.size() << " names, "
                << design.weights.n_elem << " weights)";
        throw Error(message.str());
    }
    // The fixed effects absorb the intercept.
    const auto intercept = std::find(design.names.begin(), design.names.end(), "(Intercept)");
    if (intercept != design.names.end()) {
        design.X.shed_col(static_cast<arma::uword>(intercept - design.names.begin()));
        design.names.erase(intercept);
    }
    design.has_intercept = false;

    const FixedEffectDof dof = fixed_effects_dof(effects);
    const arma::vec& w = design.weights;
    const arma::uword k_all = design.X.n_cols;
    const double sum_w = w.is_empty() ? static_cast<double>(n) : arma::accu(w);
    const double y_mean = weighted_sum(design.y.memptr(), n, w) / sum_w;
    double tss_levels = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = design.y[i] - y_mean;
        tss_levels += (w.is_empty() ? 1.0 : w[i]) * d * d;
    }
    require_outcome_variation(design.y, true, "", design.outcome);
    require_variation_within_effects(design.y, effects, "", design.outcome);
    const double y_norm_before = std::sqrt(weighted_sum_of_squares(design.y.memptr(), n, w));
    std::vector<double> norm_before(k_all);
    for (arma::uword j = 0; j < k_all; ++j)
        norm_before[j] = std::sqrt(weighted_sum_of_squares(design.X.colptr(j), n, w));
    arma::mat gram;
    if (options.fe_test) gram = centred_gram(design.X, design.y, w, sum_w);

    std::vector<double*> columns{design.y.memptr()};
    for (arma::uword j = 0; j < k_all; ++j) columns.push_back(design.X.colptr(j));
    std::vector<std::string> column_names{design.outcome};
    column_names.insert(column_names.end(), design.names.begin(), design.names.end());
    EffectCoefficients coefficients;
    const DemeanSummary demeaned =
        fixed_effects ? demean(columns, n, effects, w, options.demean, &coefficients)
                      : demean_design_columns(options.demeaned_store, design.sample, column_names, columns, n, w,
                                              options.demean);
    const double tss_within = weighted_sum_of_squares(design.y.memptr(), n, w);
    // The outcome as the regressors: what demeaning leaves of it below the tolerance is noise.
    if (!options.outcome_may_be_absorbed && std::sqrt(tss_within) <= options.collinearity_tolerance * y_norm_before) {
        std::string names;
        for (const auto& effect : effects) names += (names.empty() ? "" : ", ") + effect.name;
        throw Error("the outcome '" + design.outcome + "' is explained exactly by the fixed effects (" + names +
                    "): nothing is left for the regressors to explain");
    }

    // Demeaned constants are rounding noise, not zeros: compare with the norm before demeaning.
    const std::vector<std::string> all_names = design.names;
    std::vector<std::string> absorbed;
    for (arma::uword j = k_all; j-- > 0;) {
        const double after = std::sqrt(weighted_sum_of_squares(design.X.colptr(j), n, w));
        if (after > options.collinearity_tolerance * norm_before[j]) continue;
        absorbed.insert(absorbed.begin(), design.names[j]);
        design.X.shed_col(j);
        design.names.erase(design.names.begin() + static_cast<std::ptrdiff_t>(j));
    }
    design.sample.dropped.collinear.insert(design.sample.dropped.collinear.end(), absorbed.begin(),
                                           absorbed.end());

    OlsOptions ols_options;
    ols_options.absorbed_df = dof.absorbed;
    ols_options.leverage = false;  // HC2/HC3 are not offered with absorbed effects (as fixest)
    Estimate estimate = ols(std::move(design), ols_options);
    estimate.df_fe = dof.absorbed;
    estimate.has_intercept = false;
    for (const auto& name : absorbed)
        estimate.notes.push_back("'" + name + "' dropped: collinear with the fixed effects");

    const double df_resid = static_cast<double>(n) - static_cast<double>(estimate.k()) -
                            static_cast<double>(dof.absorbed);
    const double rss = estimate.sigma2 * df_resid;
    auto& stats = estimate.stats;
    stats["r2"] = 1.0 - rss / tss_levels;
    stats["r2_within"] = 1.0 - rss / tss_within;
    stats["r2_adj"] = 1.0 - (rss / tss_levels) * (static_cast<double>(n) - 1.0) / df_resid;
    stats["rmse"] = std::sqrt(rss / sum_w);  // fixest: sqrt of the (weighted) mean squared residual
    stats["df_resid"] = df_resid;
    stats["iterations"] = demeaned.iterations;
    stats["demean_change"] = demeaned.final_change;

    std::vector<arma::uword> kept;
    for (const auto& name : estimate.names)
        kept.push_back(static_cast<arma::uword>(
            std::find(all_names.begin(), all_names.end(), name) - all_names.begin()));
    // Pooled OLS is nested in the within fit only when some dimension has its intercept.
    const bool nests_pooled = std::any_of(dof.dimensions.begin(), dof.dimensions.end(),
                                          [](const auto& d) { return d.intercept; });
    if (options.fe_test && nests_pooled && dof.absorbed > 1 && df_resid > 0 && rss > 0)
        estimate.tests.push_back(fixed_effects_f(gram, kept, rss,
                                                 static_cast<double>(dof.absorbed) - 1.0, df_resid));

    if (!demeaned.converged) {
        estimate.converged = false;
        estimate.convergence_message = estimate.convergence_message.empty()
                                           ? demeaned.message
                                           : demeaned.message + "; " + estimate.convergence_message;
    }
    if (fixed_effects) {
        arma::vec slopes(k_all, arma::fill::zeros);
        for (std::size_t j = 0; j < kept.size(); ++j) slopes(kept[j]) = estimate.coef(j);
        *fixed_effects = fixed_effect_estimates(estimate.sample.fixed_effects, coefficients, slopes);
    }
    return estimate;
}

}  // namespace

Estimate within(models::Design design, const WithinOptions& options) {
    return fit(std::move(design), options, nullptr);
}

Estimate within(models::Design design, const WithinOptions& options,
                FixedEffectEstimates& fixed_effects) {
    return fit(std::move(design), options, &fixed_effects);
}

}  // namespace gvcpanel::estimators
