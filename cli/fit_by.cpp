#include "cli/fit_by.hpp"

#include <algorithm>
#include <cmath>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/inference/suest.hpp"
#include "estimators/inference/wald.hpp"
#include "estimators/resampling/permutation_test.hpp"
#include "estimators/resampling/resample_design.hpp"
#include "models/levels.hpp"

namespace gvcpanel::cli {

namespace {

using estimators::inference::VcovType;

constexpr const char* kGroupColumn = "by_group_code";

// The design restricted to the observations whose label is `group`.
models::Design group_design(const models::Design& pooled, const std::vector<std::int32_t>& label, std::int32_t group) {
    estimators::resampling::Draw draw;
    for (std::size_t i = 0; i < label.size(); ++i)
        if (label[i] == group) draw.rows.push_back(i);
    draw.copy.assign(draw.rows.size(), 0);
    return estimators::resampling::resample_design(pooled, draw, {});
}

// The groups' estimates side by side as one estimate on their (disjoint) rows, names [g=level]term.
estimators::Estimate stacked(std::vector<estimators::Estimate> groups, const std::vector<std::string>& labels,
                             const models::Sample& pooled_sample) {
    std::vector<std::size_t> rows;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        groups[g].outcome = labels[g];
        rows.insert(rows.end(), groups[g].sample.rows.begin(), groups[g].sample.rows.end());
    }
    std::sort(rows.begin(), rows.end());
    // The pooled sample's cluster groupings, reordered to the sorted rows.
    std::vector<models::Grouping> clusters;
    for (const auto& grouping : pooled_sample.clusters) {
        models::Grouping sorted = grouping;
        for (std::size_t i = 0; i < pooled_sample.rows.size(); ++i) {
            const auto at = std::lower_bound(rows.begin(), rows.end(), pooled_sample.rows[i]);
            sorted.codes[std::size_t(at - rows.begin())] = grouping.codes[i];
        }
        clusters.push_back(std::move(sorted));
    }
    return estimators::inference::stack_equations(groups, rows, std::move(clusters));
}

// The fully interacted pooled regression: the stacked estimate as a linear model, K* counting every
// group's coefficients and absorbed effects, the residual variance pooled over the groups.
estimators::Estimate chow_system(estimators::Estimate system, const std::vector<estimators::Estimate>& groups) {
    system.kind = estimators::ModelKind::linear;
    double ssr = 0;
    system.df_fe = 0;
    // hc2/hc3: the interacted regression's hat matrix is block-diagonal, each group's leverages.
    bool leverages = true;
    system.leverage.zeros(system.nobs);
    const auto& rows = system.sample.rows;
    for (const auto& e : groups) {
        ssr += e.weights.is_empty() ? arma::dot(e.residuals, e.residuals)
                                    : arma::dot(e.residuals, e.weights % e.residuals);
        system.df_fe += e.df_fe;
        leverages = leverages && e.leverage.n_elem == e.nobs;
        for (std::size_t i = 0; leverages && i < e.nobs; ++i)
            system.leverage(arma::uword(std::lower_bound(rows.begin(), rows.end(), e.sample.rows[i]) - rows.begin())) =
                e.leverage(i);
    }
    if (!leverages) system.leverage.reset();
    system.sigma2 = ssr / (static_cast<double>(system.nobs) - static_cast<double>(system.k() + system.df_fe));
    return system;
}

// Wald tests that `term` is equal in every group: [g=1]term = [g=2]term, ..., under (v, df).
estimators::TestResult equality_test(const std::string& term, const std::vector<std::string>& labels,
                                     const estimators::Estimate& system, const arma::mat& v, double df,
                                     const std::string& name) {
    std::string text;
    for (std::size_t g = 1; g < labels.size(); ++g)
        text += (g > 1 ? ", " : "") + estimators::inference::equation_name(labels[0], term) + " = " +
                estimators::inference::equation_name(labels[g], term);
    auto test = estimators::inference::wald_test(system.coef, v, estimators::inference::parse_restrictions(text, system.names), df);
    test.name = name;
    return test;
}

}  // namespace

std::vector<estimators::Result> fit_by(const ModelRequest& request, const ByRequest& by, const data::Frame& frame) {
    if (!frame.has(by.variable)) throw Error("--by " + by.variable + ": no such column in the data");
    const models::Levels levels = models::sorted_levels(frame.column(by.variable));
    data::Frame coded = frame;
    std::vector<double> code(frame.rows());
    for (std::size_t row = 0; row < frame.rows(); ++row)
        code[row] = levels.codes[row] == data::kMissingCode ? std::nan("") : double(levels.codes[row]);
    coded.set(data::Column::numeric(kGroupColumn, code));
    ModelRequest pooled_request = request;
    pooled_request.subset = (request.subset.empty() ? "" : "(" + request.subset + ") && ") + "!is.na(" + kGroupColumn + ")";
    pooled_request.save_fe.clear();
    const models::Design pooled = model_design(pooled_request, coded);

    std::vector<std::int32_t> label;
    for (const auto row : pooled.sample.rows) label.push_back(levels.codes[row]);
    std::vector<std::int32_t> present;
    for (const auto l : label)
        if (std::find(present.begin(), present.end(), l) == present.end()) present.push_back(l);
    std::sort(present.begin(), present.end());
    if (present.size() < 2) throw Error("--by " + by.variable + ": the estimation sample holds fewer than two groups");

    auto options = inference_options(request);
    std::vector<estimators::Estimate> groups;
    std::vector<std::string> labels;
    std::vector<estimators::Result> results;
    for (const auto group : present) {
        groups.push_back(estimate_design(group_design(pooled, label, group), pooled_request));
        // Equation names [g::level]term (no '=' in them: --test's restrictions split at '=').
        labels.push_back(by.variable + "::" + levels.names[std::size_t(group)]);
        results.push_back(estimators::infer(groups.back(), options));
        results.back().stage = by.variable + "=" + levels.names[std::size_t(group)];
    }

    // The terms every group estimated.
    std::vector<std::string> terms;
    for (const auto& name : groups.front().names)
        if (std::all_of(groups.begin(), groups.end(), [&](const auto& e) {
                return std::find(e.names.begin(), e.names.end(), name) != e.names.end();
            }))
            terms.push_back(name);

    const auto system = stacked(groups, labels, pooled.sample);
    const auto chow = chow_system(system, groups);
    const auto chow_v = estimators::inference::covariance(chow, options.vcov, options.ssc);
    auto suest_vcov = options.vcov;
    const bool sandwich = options.vcov.type == VcovType::hc0 || options.vcov.type == VcovType::hc1 ||
                          options.vcov.type == VcovType::cluster;
    if (!sandwich) suest_vcov = estimators::inference::parse_vcov("hc1");
    const auto suest_v = estimators::inference::covariance(system, suest_vcov, options.ssc);
    auto& tests = results.front().tests;
    for (const auto& term : terms) {
        tests.push_back(equality_test(term, labels, chow, chow_v.matrix, chow_v.df, "diff:" + term + ":chow"));
        tests.push_back(equality_test(term, labels, system, suest_v.matrix, suest_v.df, "diff:" + term + ":suest"));
        if (!sandwich) tests.back().note = "suest with robust (hc1) scores: --vcov " + options.vcov.text() + " is not a sandwich";
    }

    if (present.size() == 2) {
        std::vector<std::uint8_t> labels01;
        for (const auto l : label) labels01.push_back(l == present[1] ? 1 : 0);
        ModelRequest one = pooled_request;
        one.threads = 1;
        const auto statistic = [&](const std::vector<std::uint8_t>& assignment) {
            std::vector<std::int32_t> as_codes(assignment.begin(), assignment.end());
            const auto first = estimate_design(group_design(pooled, as_codes, 0), one);
            const auto second = estimate_design(group_design(pooled, as_codes, 1), one);
            arma::vec d(terms.size());
            for (std::size_t t = 0; t < terms.size(); ++t) {
                const auto at = [&](const estimators::Estimate& e) {
                    const auto it = std::find(e.names.begin(), e.names.end(), terms[t]);
                    if (it == e.names.end()) throw Error("the permuted groups dropped " + terms[t]);
                    return e.coef(arma::uword(it - e.names.begin()));
                };
                d(t) = at(second) - at(first);
            }
            return d;
        };
        estimators::resampling::PermutationOptions permutation;
        permutation.permutations = by.permutations;
        permutation.seed = request.seed;
        permutation.threads = request.threads;
        const auto perm = estimators::resampling::permutation_test(labels01, terms.size(), permutation, statistic);
        for (std::size_t t = 0; t < terms.size(); ++t) {
            estimators::TestResult test;
            test.name = "diff:" + terms[t] + ":perm";
            test.restriction = estimators::inference::equation_name(labels[1], terms[t]) + " - " +
                               estimators::inference::equation_name(labels[0], terms[t]);
            test.stat = perm.observed(t);
            test.p = perm.p(t);
            test.extra = {{"p_greater", perm.p_greater(t)}, {"reps", perm.reps}, {"enumerated", perm.enumerated},
                          {"failed", perm.failed}};
            tests.push_back(std::move(test));
        }
    } else {
        results.front().notes.push_back("--by " + by.variable +
                                        ": the permutation test compares two groups; not run for " +
                                        std::to_string(present.size()));
    }
    return results;
}

}  // namespace gvcpanel::cli
