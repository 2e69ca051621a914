#include "estimators/resampling/resample_design.hpp"

#include <unordered_map>

#include "data/error.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

// Whether every level of `codes` lies within one level of `clusters`.
bool nested(const std::vector<std::int32_t>& codes, const std::vector<std::int32_t>& clusters) {
    std::unordered_map<std::int32_t, std::int32_t> cluster_of;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const auto [it, fresh] = cluster_of.emplace(codes[i], clusters[i]);
        if (!fresh && it->second != clusters[i]) return false;
    }
    return true;
}

// The codes of the drawn rows, numbered 0.. in order of first appearance; with `per_copy` a level
// per (copy, code) pair.
std::vector<std::int32_t> gather_codes(const std::vector<std::int32_t>& codes, const Draw& draw, bool per_copy,
                                       std::int32_t& levels) {
    std::unordered_map<std::uint64_t, std::int32_t> index;
    std::vector<std::int32_t> out(draw.rows.size());
    for (std::size_t a = 0; a < draw.rows.size(); ++a) {
        const std::uint64_t key = (per_copy ? static_cast<std::uint64_t>(draw.copy[a]) << 32 : 0) |
                                  static_cast<std::uint32_t>(codes[draw.rows[a]]);
        out[a] = index.emplace(key, static_cast<std::int32_t>(index.size())).first->second;
    }
    levels = static_cast<std::int32_t>(index.size());
    return out;
}

models::Grouping gather_grouping(const models::Grouping& g, const Draw& draw, bool per_copy) {
    models::Grouping out;
    out.name = g.name;
    out.codes = gather_codes(g.codes, draw, per_copy, out.levels);
    out.slopes.variables = g.slopes.variables;
    out.slopes.with_intercept = g.slopes.with_intercept;
    if (g.has_slopes()) out.slopes.values = g.slopes.values.rows(arma::uvec(std::vector<arma::uword>(draw.rows.begin(), draw.rows.end())));
    return out;
}

}  // namespace

models::Design resample_design(const models::Design& design, const Draw& draw,
                               const std::vector<std::int32_t>& clusters) {
    const std::size_t n = design.nobs();
    if (!clusters.empty() && clusters.size() != n)
        throw Error("resample_design: " + std::to_string(clusters.size()) + " cluster codes for " + std::to_string(n) +
                    " observations");
    const arma::uvec rows(std::vector<arma::uword>(draw.rows.begin(), draw.rows.end()));
    const auto relabel = [&](const std::vector<std::int32_t>& codes) { return !clusters.empty() && nested(codes, clusters); };

    models::Design out;
    out.formula = design.formula;
    out.outcome = design.outcome;
    out.y = design.y.rows(rows);
    out.X = design.X.rows(rows);
    out.names = design.names;
    out.has_intercept = design.has_intercept;
    if (!design.weights.is_empty()) out.weights = design.weights.rows(rows);
    if (!design.offset.is_empty()) out.offset = design.offset.rows(rows);
    out.endogenous = design.endogenous;
    if (!design.instruments.is_empty()) out.instruments = design.instruments.rows(rows);
    out.instrument_names = design.instrument_names;

    const models::Sample& in = design.sample;
    models::Sample& sample = out.sample;
    sample.rows.resize(draw.rows.size());
    for (std::size_t a = 0; a < draw.rows.size(); ++a) sample.rows[a] = in.rows[draw.rows[a]];
    std::int32_t levels = 0;
    if (!in.entity.empty()) sample.entity = gather_codes(in.entity, draw, relabel(in.entity), levels);
    if (!in.period.empty()) {
        sample.period.resize(draw.rows.size());
        for (std::size_t a = 0; a < draw.rows.size(); ++a) sample.period[a] = in.period[draw.rows[a]];
    }
    for (const auto& g : in.clusters) sample.clusters.push_back(gather_grouping(g, draw, relabel(g.codes)));
    for (const auto& g : in.fixed_effects) sample.fixed_effects.push_back(gather_grouping(g, draw, relabel(g.codes)));
    sample.dropped = in.dropped;
    return out;
}

}  // namespace gvcpanel::estimators::resampling
