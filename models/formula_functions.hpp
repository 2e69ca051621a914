// The functions a formula knows, in one registry: the parser accepts exactly these names,
// `gvcpanel fit --help` lists them, and an error about an unknown function names them all. A new
// function gets its entry here (name, how it is written, one line on what it does) and its page in
// docs/formula.md; a test checks that every entry is documented there.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gvcpanel::models {

enum class FunctionKind {
    elementwise,  // a value per row from a value per row, anywhere in an expression: log(x)
    identity,     // I(expr): arithmetic as one term
    shift,        // panel operators l(), f(), d(): a value from another period of the entity
    factor,       // i(): a formula term only (one column per level), not a value inside an expression
    condition,    // is.na(x): a logical value per row from a value of any type, text included
    statistic,    // scale(), center(), mean(): from the mean (and sd) over the rows, optionally by = group
};

struct FormulaFunction {
    std::string_view name;     // as called: "log"
    std::string_view usage;    // how it is written: "log(x)"
    std::string_view summary;  // one line: what it gives
    FunctionKind kind = FunctionKind::elementwise;
    double (*apply)(double) = nullptr;  // elementwise: the function applied to each value
};

// Every function, in the order the help lists them.
const std::vector<FormulaFunction>& formula_functions();

// The entry called `name`, or nullptr.
const FormulaFunction* find_formula_function(std::string_view name);

// "log(x), exp(x), ..., i(var), l(x, k), ...": every usage, for error messages.
std::string formula_function_list();

}  // namespace gvcpanel::models
