// The pieces shared by the wild cluster bootstraps of least squares and IV (wild_common.hpp).
#include "estimators/resampling/wild_common.hpp"

#include <algorithm>
#include <cmath>

#include "estimators/inference/intersect_groupings.hpp"
#include "estimators/inference/small_sample.hpp"

namespace gvcpanel::estimators::resampling {

Coded coded(const std::vector<const models::Grouping*>& groupings) {
    Coded c;
    c.codes = inference::intersect(groupings, c.levels);
    return c;
}

std::vector<ErrorTerm> error_terms(const Estimate& estimate, const std::vector<const models::Grouping*>& errors,
                                   const inference::Ssc& ssc) {
    std::size_t g_min = 0;
    for (const auto* c : errors) {
        const Coded one = coded({c});
        g_min = g_min == 0 ? one.levels : std::min(g_min, one.levels);
    }
    const double adj = inference::use_adj(estimate, ssc)
                           ? (static_cast<double>(estimate.nobs) - 1.0) /
                                 (static_cast<double>(estimate.nobs) - static_cast<double>(inference::k_star(estimate, ssc, errors)))
                           : 1.0;
    std::vector<ErrorTerm> terms;
    for (std::uint32_t subset = 1; subset < (1u << errors.size()); ++subset) {
        std::vector<const models::Grouping*> members;
        for (std::size_t j = 0; j < errors.size(); ++j)
            if (subset & (1u << j)) members.push_back(errors[j]);
        ErrorTerm term;
        term.groups = coded(members);
        const double g = static_cast<double>(ssc.cluster_df == inference::DfRule::min ? g_min : term.groups.levels);
        term.factor = (members.size() % 2 == 1 ? 1.0 : -1.0) * (inference::use_cluster_adj(estimate, ssc) ? g / (g - 1.0) : 1.0) * adj;
        terms.push_back(std::move(term));
    }
    return terms;
}

WildPValues wild_p_values(const arma::vec& t_star, double t) {
    const double margin = kWildTie * std::abs(t);
    std::uint64_t beyond = 0, above = 0, below = 0;
    for (const double s : t_star) {
        beyond += std::abs(s) > std::abs(t) + margin;
        above += s > t + margin;
        below += s < t - margin;
    }
    const double b = static_cast<double>(t_star.n_elem);
    return {static_cast<double>(beyond) / b, 2.0 * static_cast<double>(std::min(above, below)) / b};
}

double inverted_bound(const std::function<double(double)>& p_at, double estimate, double se, double alpha,
                      double direction, int bisections, int doublings) {
    double inside = estimate, outside = estimate + direction * se;
    int doubled = 0;
    while (p_at(outside) >= alpha) {
        if (++doubled > doublings) return std::nan("");
        inside = outside;
        outside = estimate + 2.0 * (outside - estimate);
    }
    for (int i = 0; i < bisections; ++i) {
        const double middle = (inside + outside) / 2.0;
        if (middle == inside || middle == outside) break;  // the bracket is two neighbouring doubles
        (p_at(middle) < alpha ? outside : inside) = middle;
    }
    return (inside + outside) / 2.0;
}

TestResult wild_test_result(const inference::Restrictions& restriction, const WildOptions& options,
                            const WildOutcome& outcome, const std::string& method) {
    const double alpha = 1.0 - options.level;
    const std::size_t clusters = outcome.bootstrap_clusters;
    TestResult test;
    test.name = "boottest:" + restriction.text;
    test.restriction = restriction.text;
    test.stat = outcome.stat;
    test.p = outcome.p.symmetric;
    test.extra["p_equal_tail"] = outcome.p.equal_tail;
    const auto bound = [](double x) { return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr); };
    test.extra["ci_low"] = bound(outcome.low);
    test.extra["ci_high"] = bound(outcome.high);
    test.extra["reps"] = outcome.reps;
    test.extra["enumerated"] = outcome.enumerated;
    test.extra["weights"] = name(options.weights);
    test.extra["null"] = options.impose_null ? "impose" : "none";
    test.extra["bootstrap_clusters"] = clusters;
    std::vector<std::string> notes;
    notes.push_back(method + ", " + name(options.weights) + " weights, " + std::to_string(clusters) + " bootstrap clusters");
    if (outcome.enumerated)
        notes.push_back("all " + std::to_string(outcome.reps) + " weight vectors enumerated: the p-value is exact, not drawn");
    if ((options.weights == WildWeights::rademacher || options.weights == WildWeights::mammen) && clusters < 12)
        notes.push_back("with " + std::to_string(clusters) + " bootstrap clusters two-point weights take only " +
                        std::to_string(1ull << clusters) +
                        " distinct values: p-values are coarse; Webb's six-point weights are advised (Webb 2023)");
    if (options.weights == WildWeights::webb && clusters < 6)
        notes.push_back("fewer than 6 bootstrap clusters: even Webb's weights take few distinct values; read the p-value with care");
    if (!std::isfinite(outcome.low) || !std::isfinite(outcome.high))
        notes.push_back("the interval is unbounded: on one side the p-value does not fall below " + std::to_string(alpha));
    for (const auto& note : notes) test.note += (test.note.empty() ? "" : "; ") + note;
    return test;
}

}  // namespace gvcpanel::estimators::resampling
