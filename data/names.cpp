#include "data/names.hpp"

#include <algorithm>
#include <numeric>

namespace gvcpanel::data {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
        }
    }
    return row[b.size()];
}

std::vector<std::string> closest_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t max_count) {
    // A name that contains the typed text (or is contained in it) is the likeliest intent; among
    // the rest only those within about half the length are suggestions rather than noise.
    struct Scored { bool related; std::size_t distance; std::size_t index; };
    std::vector<Scored> scored;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const std::string_view c = candidates[i];
        const bool related = !name.empty() && !c.empty() &&
                             (c.find(name) != std::string_view::npos || name.find(c) != std::string_view::npos);
        const std::size_t distance = edit_distance(name, c);
        if (related || distance <= std::max<std::size_t>(2, name.size() / 2))
            scored.push_back({related, distance, i});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& x, const Scored& y) {
        return x.related != y.related ? x.related : x.distance < y.distance;
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && out.size() < max_count; ++i)
        out.push_back(candidates[scored[i].index]);
    return out;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
    const auto close = closest_names(name, candidates);
    if (close.empty()) return "";
    std::string text = "; did you mean ";
    for (std::size_t i = 0; i < close.size(); ++i) {
        if (i > 0) text += (i + 1 == close.size()) ? " or " : ", ";
        text += "'" + close[i] + "'";
    }
    return text + "?";
}

}  // namespace gvcpanel::data
