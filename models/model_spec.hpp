// models::ModelSpec: what to estimate, before the data are touched: the parsed formula plus what
// the design builder needs to choose the estimation sample (weights, offset, subset, cluster
// variables, panel, singleton rule). The CLI and the batch runner fill it from their options.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/formula.hpp"

namespace gvcpanel::models {

struct ModelSpec {
    Formula formula;
    std::string estimator = "ols";      // --estimator; parse_model picks "2sls" for an IV formula
    std::string weights;                // --weights column or expression (1/pop); empty = unweighted
    std::string offset;                 // --offset column; empty = none
    std::string subset;                 // --subset condition; empty = every row
    std::vector<std::string> clusters;  // cluster variables of --vcov (rows missing them drop); "a^b" combines
    std::string panel_id;               // --panel ID; empty = no panel
    std::string panel_time;             // --panel ID,TIME; empty = no time dimension
    bool keep_singletons = false;       // keep fixed-effect groups of one observation (reghdfe drops them)

    // Errors name the field and the rule: a time without an id, a subset that does not parse.
    void validate() const;
};

// --weights as an expression: a column name, or arithmetic on columns such as 1/pop (the language
// of models/expression.hpp); an Error with a caret under the position otherwise.
Expr parse_weights(std::string_view weights);

// The formula parsed, the default estimator for it, every other field at its default.
ModelSpec parse_model(std::string_view formula);

}  // namespace gvcpanel::models
