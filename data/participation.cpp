// Patterns are counted in a hash map keyed by the pattern string (one string per entity, never per
// row); percentiles of T_i follow Stata's summarize, detail so that the figures match xtdescribe.
#include "data/participation.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace gvcpanel::data {

namespace {

// Stata's percentile of sorted x: with n p / 100 = i + f, x_(i+1) when f > 0, else
// (x_(i) + x_(i+1)) / 2 (1-based order statistics, clamped to the sample).
double stata_percentile(const std::vector<std::size_t>& sorted, double percent) {
    const double position = static_cast<double>(sorted.size()) * percent / 100;
    const auto i = static_cast<std::size_t>(std::floor(position));
    const auto at = [&](std::size_t k) {  // x_(k), 1-based
        return static_cast<double>(sorted[std::clamp<std::size_t>(k, 1, sorted.size()) - 1]);
    };
    return position > static_cast<double>(i) ? at(i + 1) : (at(i) + at(i + 1)) / 2;
}

}  // namespace

Participation participation(const PanelIndex& panel, const ParticipationOptions& options) {
    Participation result;
    const auto n_entities = panel.n_entities();
    if (n_entities == 0) return result;
    std::vector<std::size_t> counts(n_entities);
    for (std::size_t e = 0; e < n_entities; ++e)
        counts[e] = panel.entity_rows(static_cast<std::int32_t>(e)).size();
    std::sort(counts.begin(), counts.end());
    for (const double percent : kParticipationPercents)
        result.periods_percentiles.push_back(stata_percentile(counts, percent));

    if (!panel.has_time() || panel.n_periods() > options.max_periods) return result;
    std::unordered_map<std::string, std::size_t> frequency;
    std::string pattern;
    for (std::size_t e = 0; e < n_entities; ++e) {
        pattern.assign(panel.n_periods(), '.');
        for (const auto row : panel.entity_rows(static_cast<std::int32_t>(e)))
            pattern[static_cast<std::size_t>(panel.period()[row])] = '1';
        ++frequency[pattern];
    }
    for (auto& [text, entities] : frequency) result.patterns.push_back({text, entities});
    std::sort(result.patterns.begin(), result.patterns.end(), [](const auto& a, const auto& b) {
        return a.entities != b.entities ? a.entities > b.entities : a.pattern < b.pattern;
    });
    if (result.patterns.size() > options.max_patterns) {
        for (auto i = options.max_patterns; i < result.patterns.size(); ++i)
            result.other_entities += result.patterns[i].entities;
        result.patterns.resize(options.max_patterns);
    }
    return result;
}

}  // namespace gvcpanel::data
