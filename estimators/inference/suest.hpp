// Seemingly unrelated estimation (Stata's suest): equations fitted apart, combined into one
// Estimate whose covariance is the sandwich of the stacked scores, V = B (sum_g s_g s_g') B with
// B = blockdiag(bread_j) and s_i = (s_i1, ..., s_iJ), zero where observation i is outside equation
// j's sample (Weesie 1999, Stata Technical Bulletin sg121). With absorbed effects the scores are
// the within scores. The combined estimate is a likelihood-kind one: normal and chi2 tests, factor
// n/(n-1) for robust and G/(G-1) for clusters, as suest.
#pragma once

#include <string>
#include <vector>

#include "estimators/estimate.hpp"

namespace gvcpanel::estimators::inference {

// Coefficient name `name` of the equation explaining `outcome`: "[outcome]name".
std::string equation_name(const std::string& outcome, const std::string& name);

// The equations as one estimate on the union of their samples (`union_rows`, the frame rows in
// increasing order, a superset of every equation's sample.rows); `clusters`: the cluster groupings
// of those rows. Errors: two equations with one outcome, an equation with no scores or with a
// covariance of its own (dynamic GMM), a sample row outside `union_rows`.
Estimate stack_equations(const std::vector<Estimate>& equations, const std::vector<std::size_t>& union_rows,
                         std::vector<models::Grouping> clusters);

}  // namespace gvcpanel::estimators::inference
