// Exact derivatives of formula expressions (models/expression.hpp): d expr / d column as another
// expression, which models::evaluate computes like any term. Used by the partial effects of
// --margins, which need the derivative of every term containing a variable (x, x:z, I(x^2),
// log(x), ...). Rules: sums, products, quotients, powers (a^c for a constant c, and a^b in general
// as a^b (b' log a + b a'/a)), log, exp, sqrt and abs (a'·a/|a|, undefined at 0); comparisons and
// logical operators and %in% are steps, with derivative 0 where it exists; scale(), center() and
// mean() are refused (an Error). Zeros are folded, so a term that
// does not contain the column differentiates to the number 0.
#pragma once

#include <string>

#include "models/expression.hpp"

namespace gvcpanel::models {

// d expr / d column. A panel operator (l(), f(), d()) is not differentiated through: the caller
// replaces it by a column of its own first; meeting one is an Error.
Expr differentiate(const Expr& expr, const std::string& column);

// Whether `expr` is the literal number 0 (what differentiate returns for a term without the column).
bool is_zero(const Expr& expr);

}  // namespace gvcpanel::models
