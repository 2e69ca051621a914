// Reading and writing spatial weights. The file `gvcpanel weights` writes and `fit --spatial` reads
// is sparse CSV: header `id_i,id_j,w`, one line per link, and a unit without neighbours as one line
// with id_j and w empty, so the file names every unit. `fit --spatial` also reads a dense square
// CSV: a first column of labels and one column per unit, named as the labels in the same order
// (splm's usaww written by write.csv). An edge list (`weights --edges`) has the two ids in its first
// two columns and an optional weight in the third (1 without).
#pragma once

#include <string>

#include "data/spatial/spatial_weights.hpp"

namespace gvcpanel::data {

void write_weights(const SpatialWeights& weights, const std::string& path);

// The sparse or the dense form, told apart by the header. Errors name the file, the line and the
// rule: a repeated pair, a self-link, a unit named twice, a non-square or mislabelled matrix.
SpatialWeights read_weights(const std::string& path);

SpatialWeights read_edge_list(const std::string& path);

}  // namespace gvcpanel::data
