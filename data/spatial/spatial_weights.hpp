// data::SpatialWeights: a spatial weights matrix W over named units (row i: unit i's neighbours j with
// weights w_ij, w_ii = 0), stored sparse so memory grows with the links, not with n^2. Row
// standardisation (spdep's style "W"), islands (units without a neighbour) and asymmetry are the
// properties `gvcpanel weights` reports and the spatial estimators check.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

namespace gvcpanel::data {

struct SpatialLink {
    arma::uword from = 0, to = 0;  // row i, column j
    double weight = 0;
};

struct SpatialWeights {
    std::vector<std::string> ids;  // the units, in the order of W's rows and columns
    arma::sp_mat W;                // n x n

    std::size_t size() const { return ids.size(); }
};

// W from its links; a repeated pair, a self-link or a non-finite weight is an Error naming the units.
SpatialWeights weights_from_links(std::vector<std::string> ids, const std::vector<SpatialLink>& links);

// Each row divided by its sum (rows of islands stay zero).
void row_standardize(SpatialWeights& weights);
bool is_row_standardized(const SpatialWeights& weights, double tolerance = 1e-12);

// The units without a neighbour.
std::vector<std::string> islands(const SpatialWeights& weights);

// The links (i, j) whose weight differs from that of (j, i), a missing link counting as 0.
std::size_t asymmetric_links(const SpatialWeights& weights);

// W with its rows and columns in the order of `ids`, which must name exactly W's units: a unit of
// W not in `ids` or one of `ids` missing from W is an Error naming them and `what` (where the ids
// come from, e.g. "the panel's entities").
arma::sp_mat weights_in_order(const SpatialWeights& weights, const std::vector<std::string>& ids,
                              const std::string& what);

}  // namespace gvcpanel::data
