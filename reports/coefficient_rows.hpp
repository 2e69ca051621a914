// The coefficient block of a table: for every term shown, the estimate with its stars and, below
// it, the standard error (or t, p, interval) of each model. Terms are matched across models by their
// name after renaming.
#pragma once

#include <vector>

#include "estimators/result.hpp"
#include "reports/layout.hpp"
#include "reports/table_options.hpp"

namespace gvcpanel::reports {

// The (renamed) term names of `results`, in order of first appearance.
std::vector<std::string> term_names(const std::vector<const estimators::Result*>& results,
                                    const TermSelection& selection);

// Two rows per term in `terms` (estimate, uncertainty), `columns` cells each; models beyond
// `results.size()` and terms a model lacks get empty cells.
Block coefficient_rows(const std::vector<const estimators::Result*>& results, const std::vector<std::string>& terms,
                       std::size_t columns, const TableOptions& options);

// The ancillary parameters (Tobit sigma, negative binomial alpha, cut points), an estimate row and a
// standard-error row each (no stars: they have no null hypothesis of zero); empty when no model has any.
Block ancillary_rows(const std::vector<const estimators::Result*>& results, std::size_t columns,
                     const TableOptions& options);

// The partial effects of the models that have them (the result's `margins`), an estimate row
// "x1 (dy/dx)" and an uncertainty row each (the z statistic for t; for ci the normal 95% interval),
// matched across models by name; empty when no model has any.
Block margin_rows(const std::vector<const estimators::Result*>& results, std::size_t columns,
                  const TableOptions& options);

// The label of a term: from the labels; "Constant" for "(Intercept)"; a factor level "year::2001"
// as "Year = 2001" and an interaction "a:b" as "A × B" when their parts have labels; else the name.
std::string term_label(const std::string& name, const Labels& labels);

}  // namespace gvcpanel::reports
