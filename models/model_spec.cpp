#include "models/model_spec.hpp"

#include "models/subset.hpp"

namespace gvcpanel::models {

void ModelSpec::validate() const {
    if (!panel_time.empty() && panel_id.empty())
        throw Error("panel: the time variable '" + panel_time + "' needs an entity: --panel ID,TIME");
    if (estimator.empty()) throw Error("estimator: the name is empty");
    if (!subset.empty()) parse_subset(subset);
    if (!weights.empty()) parse_weights(weights);
}

Expr parse_weights(std::string_view weights) { return parse_whole_expression(Source{weights, "weights"}); }

ModelSpec parse_model(std::string_view formula) {
    ModelSpec spec;
    spec.formula = parse_formula(formula);
    if (spec.formula.has_iv()) spec.estimator = "2sls";
    return spec;
}

}  // namespace gvcpanel::models
