// Pearson correlations of numeric columns, each pair over the rows where both are observed
// (pairwise, as Stata's pwcorr and R's cor(use = "pairwise.complete.obs")), with the t test of
// r = 0: t = r sqrt((n - 2) / (1 - r^2)) on n - 2 degrees of freedom (pwcorr's sig, R's cor.test).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::data {

struct Correlations {
    std::vector<std::string> names;
    std::vector<double> r;         // k x k, row-major; NaN where fewer than 2 pairs or no variation
    std::vector<std::size_t> n;    // the pairs each r is computed on
    std::vector<double> p;         // two-sided p-value of r = 0; NaN on the diagonal and where r is

    double at(std::size_t i, std::size_t j) const { return r[i * names.size() + j]; }
    double p_at(std::size_t i, std::size_t j) const { return p[i * names.size() + j]; }
    std::size_t n_at(std::size_t i, std::size_t j) const { return n[i * names.size() + j]; }
};

// The correlations of the columns `names` (numeric or integer; a categorical one is an Error)
// over the frame rows `rows`.
Correlations correlations(const Frame& frame, const std::vector<std::string>& names, const std::vector<std::size_t>& rows);

}  // namespace gvcpanel::data
