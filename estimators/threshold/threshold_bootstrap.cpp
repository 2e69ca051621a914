#include "estimators/threshold/threshold_bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "estimators/resampling/replicates.hpp"

namespace gvcpanel::estimators::threshold {

namespace {

// The rows of every entity (in row order), and for each entity the entities with as many rows.
struct EntityRows {
    std::vector<std::vector<arma::uword>> members;
    std::vector<const std::vector<std::int32_t>*> peers;
    std::map<std::size_t, std::vector<std::int32_t>> by_size;
};

EntityRows entity_rows(const std::vector<std::int32_t>& entity) {
    EntityRows rows;
    std::int32_t entities = 0;
    for (const auto e : entity) entities = std::max(entities, e + 1);
    rows.members.resize(entities);
    for (std::size_t i = 0; i < entity.size(); ++i) rows.members[entity[i]].push_back(i);
    for (std::int32_t e = 0; e < entities; ++e)
        if (!rows.members[e].empty()) rows.by_size[rows.members[e].size()].push_back(e);
    rows.peers.resize(entities, nullptr);
    for (std::int32_t e = 0; e < entities; ++e)
        if (!rows.members[e].empty()) rows.peers[e] = &rows.by_size.at(rows.members[e].size());
    return rows;
}

// The null model of one test: its fitted values and residuals (within-transformed).
struct NullModel {
    arma::vec fitted, residuals;
};

// F* of k thresholds against k - 1 on a bootstrap outcome, the thresholds found one after another.
double replicate_f(const SearchContext& context, const Block& block0, const arma::vec& y, std::size_t k) {
    const arma::vec e0 = residuals(context, block0, y);
    double before = arma::dot(e0, e0);
    auto step = search(context, block0, e0);
    double after = step.ssr_min;
    std::vector<std::size_t> fixed = {step.best};
    for (std::size_t j = 2; j <= k; ++j) {
        const auto block = block_with(context, fixed);
        step = search(context, block, residuals(context, block, y));
        before = after;
        after = step.ssr_min;
        fixed.push_back(step.best);
    }
    return (before - after) / (after / context.df);
}

// The sorted statistics' value at rank ceil(p B) (Hansen's programme's critical values).
double order_statistic(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return arma::datum::nan;
    const auto rank = static_cast<std::size_t>(std::ceil(p * double(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

void bootstrap_tests(const SearchContext& context, const arma::vec& y, const std::vector<std::int32_t>& entity,
                     const std::vector<std::vector<std::size_t>>& nulls, std::vector<ThresholdTest>& tests,
                     const ThresholdOptions& options) {
    const auto rows = entity_rows(entity);
    const auto block0 = block_with(context, {});
    std::vector<NullModel> models;
    for (const auto& fixed : nulls) {
        const auto block = block_with(context, fixed);
        NullModel model;
        model.residuals = residuals(context, block, y);
        model.fitted = y - model.residuals;
        models.push_back(std::move(model));
    }
    resampling::ReplicateOptions replicate_options;
    replicate_options.replications = options.bootstrap;
    replicate_options.seed = options.seed;
    replicate_options.threads = options.threads;
    const auto replicates = resampling::run_replicates(
        tests.size(), replicate_options, [&](std::size_t, data::Random& stream) {
            arma::vec f(tests.size());
            for (std::size_t k = 1; k <= tests.size(); ++k) {
                const auto& model = models[k - 1];
                arma::vec ystar = model.fitted;
                for (std::size_t e = 0; e < rows.members.size(); ++e) {
                    if (rows.members[e].empty()) continue;
                    const auto& peers = *rows.peers[e];
                    const auto& source = rows.members[peers[stream.below(peers.size())]];
                    for (std::size_t t = 0; t < source.size(); ++t)
                        ystar[rows.members[e][t]] += model.residuals[source[t]];
                }
                f[k - 1] = replicate_f(context, block0, ystar, k);
            }
            return f;
        });
    for (std::size_t k = 0; k < tests.size(); ++k) {
        std::vector<double> stats;
        for (std::size_t r = 0; r < replicates.count(); ++r)
            if (std::isfinite(replicates.estimates(r, k))) stats.push_back(replicates.estimates(r, k));
        std::sort(stats.begin(), stats.end());
        auto& test = tests[k];
        test.reps = stats.size();
        test.failed = replicates.count() - stats.size();
        const auto exceed = std::count_if(stats.begin(), stats.end(), [&test](double f) { return f > test.f; });
        test.p = stats.empty() ? arma::datum::nan : double(exceed) / double(stats.size());
        test.crit90 = order_statistic(stats, 0.90);
        test.crit95 = order_statistic(stats, 0.95);
        test.crit99 = order_statistic(stats, 0.99);
    }
}

}  // namespace gvcpanel::estimators::threshold
