#include "estimators/inference/intersect_groupings.hpp"

#include <algorithm>
#include <unordered_map>

namespace gvcpanel::estimators::inference {

// The first grouping is renumbered through a table, the others through a hash of pairs.
std::vector<std::int32_t> intersect(const std::vector<const models::Grouping*>& groupings,
                                    std::size_t& levels) {
    const std::size_t n = groupings.front()->codes.size();
    std::vector<std::int32_t> codes(n, 0);
    const models::Grouping& first = *groupings.front();
    std::vector<std::int32_t> renumber(static_cast<std::size_t>(std::max<std::int32_t>(first.levels, 0)), -1);
    levels = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::int32_t& code = renumber[static_cast<std::size_t>(first.codes[i])];
        if (code < 0) code = static_cast<std::int32_t>(levels++);
        codes[i] = code;
    }
    for (std::size_t g = 1; g < groupings.size(); ++g) {
        const auto* grouping = groupings[g];
        std::unordered_map<std::uint64_t, std::int32_t> index;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(codes[i])) << 32) |
                                      static_cast<std::uint32_t>(grouping->codes[i]);
            const auto [it, fresh] = index.emplace(key, static_cast<std::int32_t>(index.size()));
            codes[i] = it->second;
        }
        levels = index.size();
    }
    return codes;
}

}  // namespace gvcpanel::estimators::inference
