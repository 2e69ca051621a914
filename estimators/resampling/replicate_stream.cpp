#include "estimators/resampling/replicate_stream.hpp"

namespace gvcpanel::estimators::resampling {

data::Random replicate_stream(std::uint64_t seed, std::uint64_t replicate) {
    std::uint64_t state = seed;
    const std::uint64_t mixed_seed = data::splitmix64(state);
    // An odd multiplier spreads consecutive replicate numbers over the whole 64-bit range before the
    // second finaliser; data::Random then expands the result into the four words of its state.
    std::uint64_t key = mixed_seed ^ ((replicate + 1) * 0xD6E8FEB86659FD93ULL);
    return data::Random(data::splitmix64(key));
}

}  // namespace gvcpanel::estimators::resampling
