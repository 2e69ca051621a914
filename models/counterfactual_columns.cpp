// Every used column is gathered once on the sample rows (panel operators evaluated on the whole
// frame first, then kept as columns of their own), so that a setting is a column replaced in a
// small frame and each term is re-evaluated by models::evaluate exactly as the design builder
// evaluated it: with no setting the columns are the design's bit for bit. Derivatives come from
// models/differentiate, evaluated the same way.
#include "models/counterfactual_columns.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "data/error.hpp"
#include "data/names.hpp"
#include "models/differentiate.hpp"
#include "models/evaluate.hpp"
#include "models/levels.hpp"

namespace gvcpanel::models {

namespace {

std::vector<std::string> variable_names(const std::vector<FormulaVariable>& variables) {
    std::vector<std::string> names;
    for (const auto& v : variables) names.push_back(v.name);
    return names;
}

// The numeric columns an expression reads.
void numeric_leaves(const Expr& e, const data::Frame& frame, std::vector<std::string>& out) {
    if (e.kind == Expr::Kind::column && frame.column(e.text).type != data::ColumnType::categorical)
        out.push_back(e.text);
    for (const auto& a : e.args) numeric_leaves(a, frame, out);
}

}  // namespace

CounterfactualColumns::CounterfactualColumns(const Formula& formula, const data::Frame& frame,
                                             const data::PanelIndex* panel, const std::vector<std::size_t>& rows,
                                             const std::vector<std::string>& names)
    : rows_(rows), n_(rows.size()), source_text_(formula.text) {
    for (std::size_t j = 0; j < names.size(); ++j) {
        column_of_name_[names[j]] = j;
        if (names[j] == "(Intercept)") intercept_ = static_cast<int>(j);
    }
    const EvaluationContext context{frame, panel, formula.source()};
    for (const auto& term : formula.terms) {
        TermPlan plan;
        plan.name = term.name;
        for (const auto& piece : term.pieces) {
            LocalPiece local;
            const bool text_column = piece.kind == Piece::Kind::value && piece.value.kind == Expr::Kind::column &&
                                     check(piece.value, context) == ValueType::text;
            if (piece.kind == Piece::Kind::factor || text_column) {
                local.factor = true;
                local.name = piece.kind == Piece::Kind::factor ? piece.variable : piece.value.text;
                add_column(frame.column(local.name));
                add_variable(local.name, true);
                if (piece.reference) {
                    const bool numeric = frame.column(local.name).type != data::ColumnType::categorical;
                    factor_reference_[local.name] = numeric && piece.reference->is_number
                                                        ? level_name(piece.reference->number)
                                                        : piece.reference->text;
                }
                plan.variables.push_back(local.name);
            } else {
                local.value = localise(piece.value, formula, frame, panel);
                local.name = piece.name;
                numeric_leaves(local.value, local_, plan.variables);
            }
            plan.pieces.push_back(std::move(local));
        }
        std::sort(plan.variables.begin(), plan.variables.end());
        plan.variables.erase(std::unique(plan.variables.begin(), plan.variables.end()), plan.variables.end());
        terms_.push_back(std::move(plan));
    }
    for (auto& variable : variables_) {
        if (!variable.factor) continue;
        variable.levels = sorted_levels(local_.column(variable.name)).names;
        const auto ref = factor_reference_.find(variable.name);
        variable.reference = ref != factor_reference_.end() ? ref->second : variable.levels.front();
    }
    arma::mat X(n_, names.size(), arma::fill::zeros);
    term_in_fit_ = fill(local_, X, [&](const TermPlan&) { return std::optional<std::vector<double>>(std::vector<double>(n_, 1.0)); });
}

void CounterfactualColumns::add_column(const data::Column& column) {
    if (local_.has(column.name)) return;
    data::Column out;
    out.name = column.name;
    out.type = column.type;
    out.levels = column.levels;
    for (const auto row : rows_) {
        switch (column.type) {
            case data::ColumnType::numeric: out.numbers.push_back(column.numbers[row]); break;
            case data::ColumnType::integer: out.integers.push_back(column.integers[row]); break;
            case data::ColumnType::categorical: out.codes.push_back(column.codes[row]); break;
        }
    }
    local_.add(std::move(out));
}

void CounterfactualColumns::add_variable(const std::string& name, bool factor) {
    for (auto& variable : variables_)
        if (variable.name == name) {
            variable.factor = variable.factor || factor;
            return;
        }
    variables_.push_back({name, factor, {}, {}});
}

// The expression with its columns gathered into local_ and each panel operator replaced by a
// column holding its values (named as the term would be: "l(x,1)").
Expr CounterfactualColumns::localise(const Expr& expr, const Formula& formula, const data::Frame& frame,
                                     const data::PanelIndex* panel) {
    if (expr.kind == Expr::Kind::shift) {
        const std::string name = expr.text + "(" +
                                 canonical_text(formula.text, expr.args[0].position, expr.args[0].end) + "," +
                                 std::to_string(expr.lag) + ")";
        if (!local_.has(name)) {
            const std::vector<double> all = evaluate(expr, {frame, panel, formula.source()});
            std::vector<double> values(n_);
            for (std::size_t i = 0; i < n_; ++i) values[i] = all[rows_[i]];
            local_.add(data::Column::numeric(name, std::move(values)));
        }
        add_variable(name, false);
        Expr column;
        column.kind = Expr::Kind::column;
        column.text = name;
        return column;
    }
    if (expr.kind == Expr::Kind::statistic)
        throw Error("margins: the term with " + expr.text + "() depends on sample statistics recomputed on the "
                    "changed data; partial effects through it are not available (standardize the column in "
                    "the data first)");
    Expr out = expr;
    if (expr.kind == Expr::Kind::column) {
        add_column(frame.column(expr.text));
        if (frame.column(expr.text).type != data::ColumnType::categorical) add_variable(expr.text, false);
        return out;
    }
    for (auto& a : out.args) a = localise(a, formula, frame, panel);
    return out;
}

const FormulaVariable& CounterfactualColumns::variable(const std::string& name) const {
    for (const auto& v : variables_)
        if (v.name == name) return v;
    throw Error("'" + name + "' is not a variable of the model's terms" + data::did_you_mean(name, variable_names(variables_)) +
                " (variables: " + [&] {
                    std::string list;
                    for (const auto& v : variables_) list += (list.empty() ? "" : ", ") + v.name;
                    return list;
                }() + ")");
}

bool CounterfactualColumns::enters_fit(const std::string& name) const {
    for (std::size_t t = 0; t < terms_.size(); ++t)
        if (term_in_fit_[t] && std::binary_search(terms_[t].variables.begin(), terms_[t].variables.end(), name))
            return true;
    return false;
}

data::Frame CounterfactualColumns::with(const std::vector<Setting>& settings) const {
    data::Frame frame = local_;
    for (const auto& setting : settings) {
        const FormulaVariable& v = variable(setting.variable);
        const data::Column& column = local_.column(v.name);
        if (!v.factor) {
            if (!setting.level.empty())
                throw Error("'" + v.name + "' is a numeric variable: give it a number, not the level '" + setting.level + "'");
            frame.set(data::Column::numeric(v.name, std::vector<double>(n_, setting.number)));
            continue;
        }
        if (setting.level.empty() || std::find(v.levels.begin(), v.levels.end(), setting.level) == v.levels.end())
            throw Error("'" + setting.level + "' is not a level of the factor '" + v.name + "' in the sample" +
                        data::did_you_mean(setting.level, v.levels));
        // The level's value as the column holds it: a code for text, the number otherwise.
        const Levels levels = sorted_levels(column);
        std::size_t row = 0;
        while (levels.names[static_cast<std::size_t>(levels.codes[row])] != setting.level) ++row;
        data::Column set = column;
        switch (column.type) {
            case data::ColumnType::numeric: set.numbers.assign(n_, column.numbers[row]); break;
            case data::ColumnType::integer: set.integers.assign(n_, column.integers[row]); break;
            case data::ColumnType::categorical: set.codes.assign(n_, column.codes[row]); break;
        }
        frame.set(std::move(set));
    }
    return frame;
}

std::vector<double> CounterfactualColumns::evaluate_on(const Expr& expr, const data::Frame& frame) const {
    return evaluate(expr, {frame, nullptr, Source{source_text_, "formula"}});
}

template <typename Product>
std::vector<bool> CounterfactualColumns::fill(const data::Frame& frame, arma::mat& out, Product product) const {
    std::vector<bool> written(terms_.size(), false);
    for (std::size_t t = 0; t < terms_.size(); ++t) {
        const TermPlan& term = terms_[t];
        const std::optional<std::vector<double>> part = product(term);
        if (!part) continue;
        std::vector<const LocalPiece*> factors;
        for (const auto& piece : term.pieces)
            if (piece.factor) factors.push_back(&piece);
        if (factors.empty()) {
            const auto column = column_of_name_.find(term.name);
            if (column == column_of_name_.end()) continue;
            written[t] = true;
            double* x = out.colptr(column->second);
            for (std::size_t i = 0; i < n_; ++i) x[i] = (*part)[i];
            continue;
        }
        // Each observation's column, from its combination of levels (named as the design builder
        // names it), looked up once per combination present.
        std::vector<Levels> levels;
        for (const LocalPiece* f : factors) levels.push_back(sorted_levels(frame.column(f->name)));
        std::unordered_map<std::uint64_t, long> column_of_combination;
        for (std::size_t i = 0; i < n_; ++i) {
            std::uint64_t key = 0;
            for (const auto& l : levels) key = key * (l.names.size() + 1) + static_cast<std::uint64_t>(l.codes[i]);
            auto found = column_of_combination.find(key);
            if (found == column_of_combination.end()) {
                std::string name;
                std::size_t f = 0;
                for (const auto& piece : term.pieces) {
                    if (!name.empty()) name += ':';
                    if (piece.factor) {
                        name += piece.name + "::" + levels[f].names[static_cast<std::size_t>(levels[f].codes[i])];
                        ++f;
                    } else {
                        name += piece.name;
                    }
                }
                const auto column = column_of_name_.find(name);
                found = column_of_combination.emplace(key, column == column_of_name_.end() ? -1L : static_cast<long>(column->second)).first;
            }
            if (found->second < 0) continue;
            written[t] = true;
            out(i, static_cast<arma::uword>(found->second)) = (*part)[i];
        }
    }
    return written;
}

arma::mat CounterfactualColumns::columns(const std::vector<Setting>& settings) const {
    const data::Frame frame = with(settings);
    arma::mat X(n_, column_of_name_.size(), arma::fill::zeros);
    if (intercept_ >= 0) X.col(static_cast<arma::uword>(intercept_)).ones();
    // The product in the design builder's order: the first value piece times the others.
    fill(frame, X, [&](const TermPlan& term) {
        std::optional<std::vector<double>> product;
        for (const auto& piece : term.pieces) {
            if (piece.factor) continue;
            const std::vector<double> values = evaluate_on(piece.value, frame);
            if (!product) {
                product = values;
                continue;
            }
            for (std::size_t i = 0; i < n_; ++i) (*product)[i] *= values[i];
        }
        if (!product) product.emplace(n_, 1.0);
        return product;
    });
    return X;
}

arma::mat CounterfactualColumns::derivative(const std::string& name, const std::vector<Setting>& settings) const {
    if (variable(name).factor)
        throw Error("'" + name + "' is a factor: its effects are changes between levels, not a derivative");
    const data::Frame frame = with(settings);
    arma::mat D(n_, column_of_name_.size(), arma::fill::zeros);
    // d(v_1 ... v_m)/dx = sum_p v_p' prod_{q != p} v_q.
    fill(frame, D, [&](const TermPlan& term) -> std::optional<std::vector<double>> {
        if (!std::binary_search(term.variables.begin(), term.variables.end(), name)) return std::nullopt;
        std::vector<std::vector<double>> values, slopes;
        for (const auto& piece : term.pieces) {
            if (piece.factor) continue;
            values.push_back(evaluate_on(piece.value, frame));
            const Expr d = differentiate(piece.value, name);
            slopes.push_back(is_zero(d) ? std::vector<double>() : evaluate_on(d, frame));
        }
        std::vector<double> out(n_, 0.0);
        for (std::size_t p = 0; p < values.size(); ++p) {
            if (slopes[p].empty()) continue;
            for (std::size_t i = 0; i < n_; ++i) {
                double term_slope = slopes[p][i];
                for (std::size_t q = 0; q < values.size(); ++q)
                    if (q != p) term_slope *= values[q][i];
                out[i] += term_slope;
            }
        }
        return out;
    });
    return D;
}

}  // namespace gvcpanel::models
