// Evaluating an expression (models/expression.hpp) over every row of a Frame, column at a time.
// Missing is NaN throughout. Arithmetic follows IEEE (log(0) = -inf; the design builder treats
// non-finite values as missing). Logical values are 1, 0 or NaN (unknown): a comparison with a
// missing value is unknown, ! keeps it unknown, and && / || use three-valued logic as R and SQL
// do (unknown && false is false, unknown || true is true). Where a condition selects rows
// (--subset), unknown counts as false.
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
};

// Checks names, types and panel operators without evaluating: an unknown column (with the closest
// names), text in arithmetic, l() without a panel are Errors with a caret under the node.
ValueType check(const Expr& expr, const EvaluationContext& context);

// The value of `expr` on every frame row (check() is applied first).
std::vector<double> evaluate(const Expr& expr, const EvaluationContext& context);

}  // namespace gvcpanel::models
