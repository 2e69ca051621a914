// The weights v_h of the wild cluster bootstrap, one per bootstrap cluster: Rademacher (+-1),
// Mammen's two-point, Webb's six-point (+-sqrt(1/2), +-1, +-sqrt(3/2)) and the standard normal
// (MacKinnon 2023, section 3). Drawn from replicate_stream(seed, b) for replicate b, so the draws do
// not depend on the thread count; or every vector enumerated when the points are equally likely and
// few (Rademacher 2^H, Webb 6^H), which makes the p-value exact.
#pragma once

#include <armadillo>
#include <cstdint>
#include <string>

namespace gvcpanel::estimators::resampling {

enum class WildWeights { rademacher, mammen, webb, normal };

// "rademacher", "mammen", "webb", "normal"; anything else is an Error listing them.
WildWeights parse_wild_weights(const std::string& text);
const char* name(WildWeights weights);

// The number of equally likely points of the distribution (2 or 6), 0 when not enumerable.
std::uint64_t enumerable_points(WildWeights weights);

// Whether all points^clusters vectors number at most `reps` (then they are enumerated).
bool enumerates(WildWeights weights, std::size_t clusters, std::uint64_t reps);

// Columns [first, first + count) of the H x reps weight matrix: replicate b's weights, drawn from
// replicate_stream(seed, b), or (enumerated) the b-th vector in base `points` (cluster 0 the most
// significant digit).
arma::mat wild_weight_block(WildWeights weights, std::size_t clusters, std::uint64_t first, std::uint64_t count,
                            std::uint64_t seed, bool enumerated);

}  // namespace gvcpanel::estimators::resampling
