// The tables of a paper's data section, from describe's numbers: summary statistics (N, mean, sd,
// min and max per variable: the usual Table 1) and the lower triangle of pairwise correlations
// with significance stars (esttab's layout of estpost summarize and correlate). As Layouts, so
// every table format renders them.
#pragma once

#include <vector>

#include "data/correlation.hpp"
#include "data/describe.hpp"
#include "reports/layout.hpp"
#include "reports/stars.hpp"

namespace gvcpanel::reports {

// One row per variable; counts whole, the rest with `digits` decimals.
Layout summary_statistics_table(const std::vector<data::VariableSummary>& variables, int digits);

// Rows "(1) x", columns (1) (2) ...; r with `digits` decimals and the stars its p-value earns.
Layout correlation_table(const data::Correlations& correlations, int digits, const Stars& stars);

}  // namespace gvcpanel::reports
