// --subset: which rows of a Frame enter the estimation sample, from a condition such as
// `year >= 2002 && governance == "captive"` (the language of models/expression.hpp). A row is kept
// only when the condition is true: a comparison with a missing value is unknown, and unknown rows
// are left out (as R's subset() does).
#pragma once

#include <string_view>
#include <vector>

#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "models/expression.hpp"

namespace gvcpanel::models {

// Syntax only; an Error with a caret under the position otherwise.
Expr parse_subset(std::string_view expression);

// One flag per frame row. The expression must be a condition (a comparison or a logical
// combination), not a bare number; `panel` is needed only when it uses l(), f() or d().
std::vector<bool> evaluate_subset(std::string_view expression, const data::Frame& frame,
                                  const data::PanelIndex* panel = nullptr);

}  // namespace gvcpanel::models
