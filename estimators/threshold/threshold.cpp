#include "estimators/threshold/threshold.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/threshold/threshold_bootstrap.hpp"
#include "estimators/threshold/threshold_search.hpp"

namespace gvcpanel::estimators::threshold {

namespace {

// The columns of M minus their weighted entity means, times sqrt(w): the within transformation of one
// fixed-effects dimension, in the metric of the unweighted least squares that follows.
arma::mat within_scaled(const arma::mat& M, const ThresholdInput& input) {
    arma::mat sums(input.entities, M.n_cols, arma::fill::zeros);
    arma::vec total(input.entities, arma::fill::zeros);
    const bool weighted = !input.weights.is_empty();
    for (std::size_t i = 0; i < M.n_rows; ++i) {
        const double w = weighted ? input.weights[i] : 1.0;
        total[input.entity[i]] += w;
        sums.row(input.entity[i]) += w * M.row(i);
    }
    arma::mat out(M.n_rows, M.n_cols);
    for (std::size_t i = 0; i < M.n_rows; ++i) {
        const auto e = input.entity[i];
        out.row(i) = (weighted ? std::sqrt(input.weights[i]) : 1.0) * (M.row(i) - sums.row(e) / total[e]);
    }
    return out;
}

// The input with its rows in the order of q (ties in row order): the searches and the bootstrap then
// read every row-long vector sequentially instead of gathering it through the order on every pass.
ThresholdInput sorted_by_q(const ThresholdInput& input) {
    const arma::uvec order = arma::stable_sort_index(input.q);
    ThresholdInput sorted;
    sorted.y = input.y.elem(order);
    sorted.X = input.X.rows(order);
    sorted.R = input.R.rows(order);
    sorted.q = input.q.elem(order);
    sorted.entity.resize(order.n_elem);
    for (std::size_t p = 0; p < order.n_elem; ++p) sorted.entity[p] = input.entity[order[p]];
    sorted.entities = input.entities;
    if (!input.weights.is_empty()) sorted.weights = input.weights.elem(order);
    return sorted;
}

ThresholdEstimate estimate_of(const SearchContext& context, const SearchStep& step, double critical) {
    ThresholdEstimate estimate;
    estimate.gamma = context.rows.gamma[step.best];
    const double sigma2 = step.ssr_min / context.df;
    for (std::size_t c = 0; c < step.ssr.n_elem; ++c) {
        if (!std::isfinite(step.ssr[c])) continue;
        const double lr = (step.ssr[c] - step.ssr_min) / sigma2;
        estimate.curve.gamma.push_back(context.rows.gamma[c]);
        estimate.curve.lr.push_back(lr);
        if (lr <= critical) {
            if (std::isnan(estimate.low)) estimate.low = context.rows.gamma[c];
            estimate.high = context.rows.gamma[c];
        }
    }
    return estimate;
}

ThresholdTest f_test(const char* name, double ssr_null, double ssr, double df) {
    ThresholdTest test;
    test.name = name;
    test.ssr_null = ssr_null;
    test.ssr = ssr;
    test.f = (ssr_null - ssr) / (ssr / df);
    return test;
}

void check(const ThresholdInput& input) {
    const std::size_t n = input.y.n_elem;
    if (input.X.n_rows != n || input.R.n_rows != n || input.q.n_elem != n || input.entity.size() != n ||
        (!input.weights.is_empty() && input.weights.n_elem != n))
        throw Error("threshold: y, X, R, q, the entities and the weights must have one row per observation");
    if (input.R.n_cols == 0) throw Error("threshold: no regime-dependent regressor (--regime)");
    if (input.entities <= 0) throw Error("threshold: no entity");
    for (const auto e : input.entity)
        if (e < 0 || e >= input.entities) throw Error("threshold: an entity code is out of range");
    if (n <= static_cast<std::size_t>(input.entities) + input.X.n_cols + input.R.n_cols)
        throw Error("threshold: fewer observations than entities and regressors");
}

}  // namespace

void ThresholdOptions::validate() const {
    if (thresholds < 1 || thresholds > 3)
        throw Error("--thresholds " + std::to_string(thresholds) + ": expected 1, 2 or 3");
    if (!(trim > 0 && trim < 0.25)) throw Error("--trim " + std::to_string(trim) + ": expected a share in (0, 0.25)");
    if (grid == 1) throw Error("--grid 1: a grid needs at least 2 points (or 'all')");
    if (!(level > 0 && level < 1)) throw Error("--level " + std::to_string(level) + ": expected a number in (0, 1)");
}

double lr_critical_value(double level) { return -2.0 * std::log(1.0 - std::sqrt(level)); }

ThresholdFit fit_thresholds(const ThresholdInput& unsorted, const ThresholdOptions& options) {
    options.validate();
    check(unsorted);
    const auto input = sorted_by_q(unsorted);
    if (options.bootstrap > 0 && !unsorted.weights.is_empty())
        throw Error("threshold: the bootstrap of the threshold tests resamples residuals by entity and is "
                    "not defined with --weights");
    const double df = double(input.y.n_elem) - double(input.entities);
    const arma::vec y = within_scaled(input.y, input);
    auto context = search_context(sort_rows(input.R, input.q, input.entity, input.entities, input.weights,
                                            options.trim, options.grid),
                                  within_scaled(input.X, input), within_scaled(input.R, input), df);
    ThresholdFit fit;
    fit.critical = lr_critical_value(options.level);
    fit.candidates = context.rows.gamma.size();
    fit.min_rows = context.rows.min_rows;
    fit.residual_df = df;

    const auto block0 = block_with(context, {});
    const arma::vec e0 = residuals(context, block0, y);
    fit.ssr_linear = arma::dot(e0, e0);
    const auto first = search(context, block0, e0);
    fit.tests.push_back(f_test("threshold_single", fit.ssr_linear, first.ssr_min, df));
    std::vector<std::vector<std::size_t>> nulls = {{}};
    if (options.thresholds == 1) {
        fit.thresholds.push_back(estimate_of(context, first, fit.critical));
    } else {
        const auto given_first = block_with(context, {first.best});
        const auto second = search(context, given_first, residuals(context, given_first, y));
        const auto given_second = block_with(context, {second.best});
        const auto refined = search(context, given_second, residuals(context, given_second, y));
        fit.tests.push_back(f_test("threshold_double", first.ssr_min, second.ssr_min, df));
        nulls.push_back({first.best});
        fit.thresholds.push_back(estimate_of(context, refined, fit.critical));
        fit.thresholds.push_back(estimate_of(context, second, fit.critical));
        if (options.thresholds == 3) {
            const auto given_both = block_with(context, {refined.best, second.best});
            const auto third = search(context, given_both, residuals(context, given_both, y));
            fit.tests.push_back(f_test("threshold_triple", refined.ssr_min, third.ssr_min, df));
            nulls.push_back({refined.best, second.best});
            fit.thresholds.push_back(estimate_of(context, third, fit.critical));
        }
    }
    std::sort(fit.thresholds.begin(), fit.thresholds.end(),
              [](const ThresholdEstimate& a, const ThresholdEstimate& b) { return a.gamma < b.gamma; });
    if (options.bootstrap > 0) bootstrap_tests(context, y, input.entity, nulls, fit.tests, options);
    return fit;
}

}  // namespace gvcpanel::estimators::threshold
