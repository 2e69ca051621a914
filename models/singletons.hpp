// Observations alone in their group of some fixed-effect dimension add nothing to the slopes but
// distort degrees of freedom and clustered covariances; reghdfe drops them (Correia 2015). Dropping
// one can leave another group with one observation, so the removal repeats until none is left.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace gvcpanel::models {

// keep: one flag per row (1 = in the sample), updated in place. fixed_effects: per dimension, a
// code per row (0..levels-1; only rows with keep = 1 are read). Returns the number dropped.
std::size_t drop_singletons(std::vector<std::uint8_t>& keep,
                            const std::vector<std::span<const std::int32_t>>& fixed_effects);

}  // namespace gvcpanel::models
