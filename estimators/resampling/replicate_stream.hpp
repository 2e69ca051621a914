// The random stream of one replicate of a resampling scheme: the project's xoshiro256** generator
// (data/random) seeded from a hash of (seed, replicate). Replicate r's draws depend on nothing else,
// so replicates can run in any order, on any number of threads or processes, with the same result.
#pragma once

#include <cstdint>

#include "data/random.hpp"

namespace gvcpanel::estimators::resampling {

// The generator of replicate `replicate` (0-based) under `seed`. The pair is mixed by two splitmix64
// finalisers, so neighbouring replicates (and seeds) start from unrelated states.
data::Random replicate_stream(std::uint64_t seed, std::uint64_t replicate);

}  // namespace gvcpanel::estimators::resampling
