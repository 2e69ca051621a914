// Evaluating an expression (models/expression.hpp) over every row of a Frame, column at a time.
// Missing is NaN throughout. Arithmetic follows IEEE (log(0) = -inf; the design builder treats
// non-finite values as missing). Logical values are 1, 0 or NaN (unknown): a comparison with a
// missing value is unknown, ! keeps it unknown, and && / || use three-valued logic as R and SQL
// do (unknown && false is false, unknown || true is true). Where a condition selects rows
// (--subset), unknown counts as false. x %in% c(...) is never unknown: a missing x is not in the
// list (R's %in%); is.na(x) is true for a missing value (NaN, a missing text code), not for +-inf.
//
// scale(x) = (x - mean) / sd, center(x) = x - mean and mean(x) take the mean and the standard
// deviation (n - 1) over the rows `statistic_rows` flags (the design builder passes the --subset
// rows, as fixest computes scale() on the subset of the data before dropping rows with missing
// values) where x itself is finite; with `by = g`, within each level of g (rows missing g give
// missing). Every row gets the value, inside the flagged rows or not.
#pragma once

#include <vector>

#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "models/expression.hpp"
#include "models/source.hpp"

namespace gvcpanel::models {

enum class ValueType {
    number,   // numeric and integer columns, literals, arithmetic
    logical,  // comparisons, &&, ||, !; used as a number it is 1 or 0
    text,     // a categorical column or a "string": only with == and != against each other
};

struct EvaluationContext {
    const data::Frame& frame;
    const data::PanelIndex* panel = nullptr;  // needed by l(), f(), d()
    Source source;                            // the text the expression came from, for errors
    const std::vector<bool>* statistic_rows = nullptr;  // the rows scale(), center() and mean() are
                                                        //   computed over; nullptr = every row
};

// Checks names, types and panel operators without evaluating: an unknown column (with the closest
// names), text in arithmetic, l() without a panel are Errors with a caret under the node.
ValueType check(const Expr& expr, const EvaluationContext& context);

// The value of `expr` on every frame row (check() is applied first).
std::vector<double> evaluate(const Expr& expr, const EvaluationContext& context);

}  // namespace gvcpanel::models
