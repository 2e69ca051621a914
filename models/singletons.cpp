#include "models/singletons.hpp"

#include <algorithm>

namespace gvcpanel::models {

std::size_t drop_singletons(std::vector<std::uint8_t>& keep,
                            const std::vector<std::span<const std::int32_t>>& fixed_effects) {
    const std::size_t n = keep.size();
    std::vector<std::int32_t> levels;
    for (const auto codes : fixed_effects) {
        std::int32_t top = -1;
        for (std::size_t i = 0; i < n; ++i)
            if (keep[i]) top = std::max(top, codes[i]);
        levels.push_back(top + 1);
    }
    std::size_t dropped = 0;
    std::vector<std::uint32_t> counts;
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t d = 0; d < fixed_effects.size(); ++d) {
            const auto codes = fixed_effects[d];
            counts.assign(static_cast<std::size_t>(levels[d]), 0);
            for (std::size_t i = 0; i < n; ++i)
                if (keep[i]) ++counts[static_cast<std::size_t>(codes[i])];
            for (std::size_t i = 0; i < n; ++i) {
                if (keep[i] && counts[static_cast<std::size_t>(codes[i])] == 1) {
                    keep[i] = 0;
                    ++dropped;
                    changed = true;
                }
            }
        }
    }
    return dropped;
}

}  // namespace gvcpanel::models
