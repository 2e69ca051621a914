// The data columns a model refers to, found before the data are read, so that a reader can parse
// only those (column projection: on a 10^7-row file most columns are never touched).
#pragma once

#include <string>
#include <vector>

#include "models/expression.hpp"
#include "models/model_spec.hpp"

namespace gvcpanel::models {

// Column names in an expression (function and operator names excluded), appended without repeats.
void add_columns(const Expr& expression, std::vector<std::string>& names);

// Every column the spec uses: outcome, terms, fixed effects, IV part, weights, offset, clusters,
// panel id and time, and the subset condition. In order of first mention, without repeats.
std::vector<std::string> columns_used(const ModelSpec& spec);

// The columns the spec uses only as categories (panel id, fixed effects, cluster variables, i()
// factors), never as values: a reader may take text in them as codes (docs/reading.md).
std::vector<std::string> category_columns(const ModelSpec& spec);

}  // namespace gvcpanel::models
