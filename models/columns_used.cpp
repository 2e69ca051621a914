#include "models/columns_used.hpp"

#include <algorithm>

#include "models/subset.hpp"

namespace gvcpanel::models {

namespace {

void add_name(const std::string& name, std::vector<std::string>& names) {
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(name);
}

void add_terms(const std::vector<Term>& terms, std::vector<std::string>& names) {
    for (const auto& term : terms)
        for (const auto& piece : term.pieces) {
            if (piece.kind == Piece::Kind::factor) {
                add_name(piece.variable, names);
            } else if (piece.kind == Piece::Kind::sunab) {
                add_name(piece.variable, names);
                add_name(piece.period, names);
            } else
                add_columns(piece.value, names);
        }
}

// "a^b" names two columns.
void add_combined(const std::string& name, std::vector<std::string>& names) {
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t caret = std::min(name.find('^', start), name.size());
        add_name(name.substr(start, caret - start), names);
        start = caret + 1;
    }
}

// The columns of the factor pieces (i(var)) of `terms`, and of the rest.
void split_terms(const std::vector<Term>& terms, std::vector<std::string>& factors, std::vector<std::string>& values) {
    for (const auto& term : terms)
        for (const auto& piece : term.pieces) {
            if (piece.kind == Piece::Kind::factor)
                add_name(piece.variable, factors);
            else
                add_columns(piece.value, values);
        }
}

}  // namespace

void add_columns(const Expr& expression, std::vector<std::string>& names) {
    if (expression.kind == Expr::Kind::column) add_name(expression.text, names);
    for (const auto& argument : expression.args) add_columns(argument, names);
}

std::vector<std::string> columns_used(const ModelSpec& spec) {
    std::vector<std::string> names;
    add_columns(spec.formula.outcome, names);
    add_terms(spec.formula.terms, names);
    for (const auto& fe : spec.formula.fixed_effects) {
        for (const auto& variable : fe.variables) add_name(variable, names);
        for (const auto& slope : fe.slopes) add_name(slope, names);
    }
    add_terms(spec.formula.endogenous, names);
    add_terms(spec.formula.instruments, names);
    if (!spec.weights.empty()) add_columns(parse_weights(spec.weights), names);
    add_name(spec.offset, names);
    for (const auto& cluster : spec.clusters) add_combined(cluster, names);
    add_name(spec.panel_id, names);
    add_name(spec.panel_time, names);
    if (!spec.subset.empty()) add_columns(parse_subset(spec.subset), names);
    return names;
}

std::vector<std::string> category_columns(const ModelSpec& spec) {
    std::vector<std::string> categories, values;
    add_columns(spec.formula.outcome, values);
    for (const auto* terms : {&spec.formula.terms, &spec.formula.endogenous, &spec.formula.instruments})
        split_terms(*terms, categories, values);
    for (const auto& fe : spec.formula.fixed_effects) {
        for (const auto& variable : fe.variables) add_name(variable, categories);
        for (const auto& slope : fe.slopes) add_name(slope, values);
    }
    for (const auto& cluster : spec.clusters) add_combined(cluster, categories);
    add_name(spec.panel_id, categories);
    add_name(spec.weights, values);
    add_name(spec.offset, values);
    add_name(spec.panel_time, values);
    if (!spec.subset.empty()) add_columns(parse_subset(spec.subset), values);
    std::erase_if(categories, [&](const std::string& name) {
        return std::find(values.begin(), values.end(), name) != values.end();
    });
    return categories;
}

}  // namespace gvcpanel::models
