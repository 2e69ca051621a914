#include "models/formula_functions.hpp"

#include <algorithm>
#include <cmath>

namespace gvcpanel::models {

const std::vector<FormulaFunction>& formula_functions() {
    static const std::vector<FormulaFunction> table = {
        {"log", "log(x)", "natural logarithm (missing for x <= 0)", FunctionKind::elementwise,
         [](double v) { return std::log(v); }},
        {"exp", "exp(x)", "exponential", FunctionKind::elementwise, [](double v) { return std::exp(v); }},
        {"sqrt", "sqrt(x)", "square root (missing for x < 0)", FunctionKind::elementwise,
         [](double v) { return std::sqrt(v); }},
        {"abs", "abs(x)", "absolute value", FunctionKind::elementwise, [](double v) { return std::abs(v); }},
        {"is.na", "is.na(x)", "true where x (a number or text) is missing; !is.na(x) where it is not",
         FunctionKind::condition},
        {"scale", "scale(x[, by = g])", "(x - mean) / sd, over the --subset rows (within each level of g)",
         FunctionKind::statistic},
        {"center", "center(x[, by = g])", "x - mean, over the --subset rows (within each level of g)",
         FunctionKind::statistic},
        {"mean", "mean(x[, by = g])", "the mean of x over the --subset rows (of its level of g: a group mean)",
         FunctionKind::statistic},
        {"I", "I(expr)", "arithmetic as one term: I(age^2), I(a/b), I(x > 0)", FunctionKind::identity},
        {"i", "i(var[, x][, ref = L])",
         "factor: one column per level (reference dropped); with x, one slope per level", FunctionKind::factor},
        {"sunab", "sunab(cohort, period)",
         "Sun-Abraham event study: cohort x relative-period indicators, rows as fixest (docs/did.md)",
         FunctionKind::factor},
        {"l", "l(x, k)", "lag: x k periods earlier in the entity (k = 1 by default; l(x, 1:3) a range)",
         FunctionKind::shift},
        {"f", "f(x, k)", "lead: x k periods later in the entity", FunctionKind::shift},
        {"d", "d(x, k)", "difference x - l(x, k) (k = 1 by default)", FunctionKind::shift},
    };
    return table;
}

const FormulaFunction* find_formula_function(std::string_view name) {
    const auto& table = formula_functions();
    const auto it = std::find_if(table.begin(), table.end(), [&](const FormulaFunction& f) { return f.name == name; });
    return it == table.end() ? nullptr : &*it;
}

std::string formula_function_list() {
    std::string list;
    for (const auto& function : formula_functions()) list += (list.empty() ? "" : ", ") + std::string(function.usage);
    return list;
}

}  // namespace gvcpanel::models
