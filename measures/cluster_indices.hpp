// Cluster indices from employment (or output) by region, industry and year, each row a plant
// (or, with a firm column, the rows of one firm in a region and industry summed into one plant):
// - lq (region x industry): location quotient (e_ri / e_r) / (e_i / e);
// - hhi (region): Herfindahl-Hirschman index of the region's industry shares, sum_i (e_ri / e_r)^2;
// - krugman (region): Krugman specialisation index sum_i |e_ri / e_r - e_i / e|;
// - eg (industry): Ellison and Glaeser (1997), (G - (1 - sum_r x_r^2) H) / ((1 - sum_r x_r^2)(1 - H))
//   with G = sum_r (s_ri - x_r)^2, s_ri = e_ri / e_i, x_r = e_r / e and H the plant Herfindahl
//   sum_k (e_k / e_i)^2 of the industry (NaN when H = 1);
// - gini (industry): locational Gini (Krugman 1991): regions ordered by e_ri / e_i over x_r,
//   1 - sum_r x_r (S_r + S_r-1) with S_r the cumulative share of the industry's employment.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::measures {

struct ClusterTable {
    std::vector<std::string> regions, industries;
    arma::mat size;             // regions x industries
    arma::vec plant_herfindahl;  // industries
    std::string year;
};

struct ClusterColumns {
    std::string region, industry, year, size, firm;  // year, firm "" = absent
};

// One table per year; a missing or negative size is an Error naming the line.
std::vector<ClusterTable> cluster_tables(const data::Frame& frame, const ClusterColumns& columns);

struct ClusterIndices {
    arma::mat lq;                 // regions x industries
    arma::vec hhi, krugman;      // regions
    arma::vec eg, gini;          // industries
};

ClusterIndices cluster_indices(const ClusterTable& table);

}  // namespace gvcpanel::measures

namespace gvcpanel::measures {

// The tidy frame of `measures cluster`: one row per region, industry (and year) with the asked
// indices (lq, hhi, krugman, eg, gini; empty = all), region- and industry-level ones repeated.
data::Frame cluster_measures(const std::vector<ClusterTable>& tables, std::vector<std::string> indicators);

}  // namespace gvcpanel::measures
