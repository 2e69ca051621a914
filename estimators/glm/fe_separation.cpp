// Drops fixed-effect groups without outcome variation, repeating over dimensions until stable
// (an O(n) pass per dimension and round), and restricts a design to the rows kept.
#include "estimators/glm/fe_separation.hpp"

#include <armadillo>

namespace gvcpanel::estimators {

std::size_t flag_fe_separation(const models::Design& design, bool binary, std::vector<std::uint8_t>& keep) {
    const std::size_t n = design.nobs();
    const arma::vec& y = design.y;
    std::size_t dropped = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (const models::Grouping& g : design.sample.fixed_effects) {
            const std::size_t levels = static_cast<std::size_t>(g.levels);
            // Per group: the smallest and largest outcome among the rows kept.
            std::vector<double> low(levels, arma::datum::inf), high(levels, -arma::datum::inf);
            for (std::size_t i = 0; i < n; ++i) {
                if (!keep[i]) continue;
                const auto c = static_cast<std::size_t>(g.codes[i]);
                low[c] = std::min(low[c], y[i]);
                high[c] = std::max(high[c], y[i]);
            }
            for (std::size_t i = 0; i < n; ++i) {
                if (!keep[i]) continue;
                const auto c = static_cast<std::size_t>(g.codes[i]);
                const bool separated = binary ? low[c] == high[c] : high[c] <= 0;
                if (!separated) continue;
                keep[i] = 0;
                ++dropped;
                changed = true;
            }
        }
    }
    return dropped;
}

namespace {

models::Grouping restrict_grouping(const models::Grouping& g, const std::vector<std::uint8_t>& keep) {
    models::Grouping out;
    out.name = g.name;
    std::vector<std::int32_t> recode(static_cast<std::size_t>(g.levels), -1);
    for (std::size_t i = 0; i < keep.size(); ++i) {
        if (!keep[i]) continue;
        auto& code = recode[static_cast<std::size_t>(g.codes[i])];
        if (code < 0) {
            code = out.levels++;
            if (!g.level_names.empty()) out.level_names.push_back(g.level_names[static_cast<std::size_t>(g.codes[i])]);
        }
        out.codes.push_back(code);
    }
    return out;
}

template <typename T>
std::vector<T> restrict_vector(const std::vector<T>& v, const std::vector<std::uint8_t>& keep) {
    if (v.empty()) return v;
    std::vector<T> out;
    for (std::size_t i = 0; i < keep.size(); ++i)
        if (keep[i]) out.push_back(v[i]);
    return out;
}

}  // namespace

models::Design restrict_rows(const models::Design& design, const std::vector<std::uint8_t>& keep) {
    std::vector<arma::uword> rows;
    for (std::size_t i = 0; i < keep.size(); ++i)
        if (keep[i]) rows.push_back(i);
    const arma::uvec idx = arma::conv_to<arma::uvec>::from(rows);
    models::Design out;
    out.formula = design.formula;
    out.outcome = design.outcome;
    out.y = design.y.elem(idx);
    out.X = design.X.rows(idx);
    out.names = design.names;
    out.has_intercept = design.has_intercept;
    if (!design.weights.is_empty()) out.weights = design.weights.elem(idx);
    if (!design.offset.is_empty()) out.offset = design.offset.elem(idx);
    out.endogenous = design.endogenous;
    if (!design.instruments.is_empty()) out.instruments = design.instruments.rows(idx);
    out.instrument_names = design.instrument_names;
    const models::Sample& s = design.sample;
    out.sample.rows = restrict_vector(s.rows, keep);
    out.sample.entity = restrict_vector(s.entity, keep);
    out.sample.period = restrict_vector(s.period, keep);
    for (const auto& g : s.clusters) out.sample.clusters.push_back(restrict_grouping(g, keep));
    for (const auto& g : s.fixed_effects) out.sample.fixed_effects.push_back(restrict_grouping(g, keep));
    out.sample.dropped = s.dropped;
    return out;
}

}  // namespace gvcpanel::estimators
