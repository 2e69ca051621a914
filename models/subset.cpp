#include "models/subset.hpp"

#include "models/evaluate.hpp"

namespace gvcpanel::models {

namespace {

constexpr std::string_view kContext = "subset";

}  // namespace

Expr parse_subset(std::string_view expression) {
    return parse_whole_expression(Source{expression, kContext});
}

std::vector<bool> evaluate_subset(std::string_view expression, const data::Frame& frame,
                                  const data::PanelIndex* panel) {
    const Expr condition = parse_subset(expression);
    const EvaluationContext context{frame, panel, Source{expression, kContext}};
    if (check(condition, context) != ValueType::logical)
        throw context.source.error(condition.position,
                                   "the subset must be a condition, such as x > 0 or g == \"a\"");
    const std::vector<double> values = evaluate(condition, context);
    std::vector<bool> keep(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) keep[i] = values[i] == 1.0;
    return keep;
}

}  // namespace gvcpanel::models
