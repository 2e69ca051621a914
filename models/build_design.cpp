// Materialises y, X, Z, weights and groupings on the estimation sample. Every input is first
// resolved to a whole column over the frame's rows (a view of the frame where possible), the sample
// is chosen on those, and each matrix column is then filled in one pass over the sample rows.
#include "models/build_design.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <memory>

#include "data/error.hpp"
#include "data/memory.hpp"
#include "data/names.hpp"
#include "models/design_size.hpp"
#include "models/evaluate.hpp"
#include "models/levels.hpp"
#include "models/magnitudes.hpp"
#include "models/singletons.hpp"
#include "models/subset.hpp"
#include "models/sunab.hpp"

namespace gvcpanel::models {

namespace {

struct ResolvedPiece {
    const double* values = nullptr;   // value piece: one per frame row; sunab: the period
    const double* cohort = nullptr;   // sunab piece: the cohort (missing = never treated)
    const Levels* levels = nullptr;   // factor piece
    std::string variable;             // factor piece
    std::int32_t reference = -1;      // factor piece: code of the ref = level, or -1
    std::size_t reference_position = 0;
    std::string name;
};

struct ResolvedTerm {
    const Term* term = nullptr;
    std::vector<ResolvedPiece> pieces;
};

// How a term becomes matrix columns: the product of `values` times, for factor terms, the
// indicator of the observation's level combination (`column_of_obs`: offset of its column, or -1
// for the reference).
struct ColumnPlan {
    std::vector<const double*> values;
    std::vector<std::int32_t> column_of_obs;
    std::vector<std::string> names;
};

// NaN or infinite: the exponent bits all set.
std::uint8_t not_finite(double value) {
    constexpr std::uint64_t kExponent = 0x7ff0000000000000ULL;
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return (bits & kExponent) == kExponent;
}

bool has_statistic(const Expr& expr) {
    return expr.kind == Expr::Kind::statistic ||
           std::any_of(expr.args.begin(), expr.args.end(), [](const Expr& a) { return has_statistic(a); });
}

std::string row_text(std::size_t row, const data::Frame& frame) {
    return "data row " + std::to_string(row + 1) + (frame.source.empty() ? "" : " of " + frame.source);
}

class DesignBuilder {
public:
    DesignBuilder(const ModelSpec& spec, const data::Frame& frame, const data::PanelIndex* panel,
                  SharedSamples* shared)
        : spec_(spec), formula_(spec.formula), frame_(frame), panel_(panel), shared_(shared),
          context_{frame, panel, formula_.source()}, keep_(frame.rows(), 1) {
        if (shared && &shared->frame() != &frame)
            throw Error("build_design: the shared samples belong to another frame");
    }

    Design build() {
        apply_subset();
        const double* y = resolve_outcome();
        const bool has_fixed_effects = !formula_.fixed_effects.empty();
        const auto exogenous = resolve_terms(formula_.terms);
        const auto endogenous = resolve_terms(formula_.endogenous);
        const auto instruments = resolve_terms(formula_.instruments);
        check_sunab(exogenous, endogenous, instruments);
        check_iv_names();
        std::vector<const Levels*> fixed_effects;
        std::vector<std::vector<const double*>> slopes;
        for (const auto& effect : formula_.fixed_effects) {
            fixed_effects.push_back(&fixed_effect_levels(effect));
            slopes.push_back(varying_slopes(effect));
        }
        std::vector<const Levels*> clusters;
        for (const auto& name : spec_.clusters) clusters.push_back(&cluster_levels(name));
        const double* weights = spec_.weights.empty() ? nullptr : weight_series();
        const double* offset = spec_.offset.empty() ? nullptr : named_series(spec_.offset, "--offset");

        if (weights) check_weights(weights);
        drop_missing();
        if (weights) drop_zero_weights(weights);
        const auto compute = [&] { return sample_on(fixed_effects); };
        const auto sample = shared_ ? shared_->sample(sample_setting(), keep_, compute)
                                    : std::make_shared<const SharedSample>(compute());
        rows_ = sample->rows;
        dropped_.singletons = sample->singletons;
        if (rows_.empty()) throw empty_sample();

        Design design;
        design.formula = formula_.text;
        design.outcome = formula_.outcome_name;
        design.has_intercept = formula_.intercept && !has_fixed_effects;
        design.y = gather(y);
        if (weights) design.weights = gather(weights);
        if (offset) design.offset = gather(offset);

        const bool absorbs_reference = design.has_intercept || has_fixed_effects;
        bool full_factor = false;
        std::vector<ColumnPlan> x_plans;
        for (const auto& term : endogenous) x_plans.push_back(plan(term, absorbs_reference, full_factor));
        for (const auto& endogenous_plan : x_plans)
            design.endogenous.insert(design.endogenous.end(), endogenous_plan.names.begin(),
                                     endogenous_plan.names.end());
        for (const auto& term : exogenous)
            x_plans.push_back(is_sunab(term) ? sunab_plan(term, design) : plan(term, absorbs_reference, full_factor));

        bool full_instrument_factor = false;
        std::vector<ColumnPlan> z_plans;
        for (const auto& term : instruments)
            z_plans.push_back(plan(term, absorbs_reference, full_instrument_factor));
        check_size(x_plans, z_plans, endogenous, exogenous, instruments, design.has_intercept);

        design.X = fill(x_plans, design.has_intercept, design.names);
        if (!z_plans.empty()) design.instruments = fill(z_plans, false, design.instrument_names);

        for (std::size_t d = 0; d < fixed_effects.size(); ++d) {
            const FixedEffect& effect = formula_.fixed_effects[d];
            Grouping grouping = sample->fixed_effects[d];
            grouping.slopes.variables = effect.slopes;
            grouping.slopes.with_intercept = effect.slope_intercept;
            grouping.slopes.values.set_size(rows_.size(), slopes[d].size());
            for (std::size_t v = 0; v < slopes[d].size(); ++v)
                grouping.slopes.values.col(v) = gather(slopes[d][v]);
            design.sample.fixed_effects.push_back(std::move(grouping));
        }
        for (std::size_t c = 0; c < clusters.size(); ++c)
            design.sample.clusters.push_back(
                cluster_grouping(*clusters[c], spec_.clusters[c], design.sample.fixed_effects));
        if (panel_) {
            for (const auto row : rows_) design.sample.entity.push_back(panel_->entity()[row]);
            if (panel_->has_time())
                for (const auto row : rows_) design.sample.period.push_back(panel_->period()[row]);
        }
        design.sample.rows = std::move(rows_);
        design.sample.dropped = dropped_;
        if (shared_) design.sample.shared_key = sample->key;
        return design;
    }

private:
    // What besides the rows defines a sample and its groupings, as text.
    // Columns with sample statistics (scale(x)) depend on the subset they were computed over, which
    // the rows alone do not tell: two subsets may leave the same sample.
    std::string sample_setting() const {
        std::string setting = "fixed effects:";
        for (const auto& effect : formula_.fixed_effects) setting += " " + effect.label();
        return setting + "; weights: " + spec_.weights + panel_setting() +
               (spec_.keep_singletons ? "; singletons kept" : "") +
               (uses_statistics_ ? "; statistics over the subset: " + spec_.subset : "");
    }

    // The panel a subset or a sample is read on (l(), f() and d() depend on it).
    std::string panel_setting() const { return "; panel: " + spec_.panel_id + "," + spec_.panel_time; }

    // The rows flagged in keep_ less the singletons (dropped repeatedly, unless kept), with the
    // fixed-effect groupings on them.
    SharedSample sample_on(const std::vector<const Levels*>& fixed_effects) const {
        SharedSample sample;
        std::vector<std::uint8_t> keep = keep_;
        if (!fixed_effects.empty() && !spec_.keep_singletons) {
            std::vector<std::span<const std::int32_t>> codes;
            for (const auto* levels : fixed_effects) codes.emplace_back(levels->codes);
            sample.singletons = drop_singletons(keep, codes);
        }
        for (std::size_t row = 0; row < keep.size(); ++row)
            if (keep[row]) sample.rows.push_back(row);
        for (std::size_t d = 0; d < fixed_effects.size(); ++d)
            sample.fixed_effects.push_back(
                grouping_on(*fixed_effects[d], sample.rows, formula_.fixed_effects[d].label()));
        return sample;
    }

    // A cluster variable that is also a fixed effect (cluster:firm with firm effects) has its
    // grouping already (a fixed effect with varying slopes has another name: "firm[year]").
    Grouping cluster_grouping(const Levels& levels, const std::string& name,
                              const std::vector<Grouping>& fixed_effects) const {
        for (const auto& effect : fixed_effects)
            if (effect.name == name) return effect;
        return grouping_on(levels, rows_, name);
    }

    // The subset's rows are also those the statistics of scale(), center() and mean() run over.
    void apply_subset() {
        if (spec_.subset.empty()) return;
        const auto compute = [&] { return evaluate_subset(spec_.subset, frame_, panel_); };
        subset_ = shared_ ? shared_->subset(spec_.subset + panel_setting(), compute)
                          : std::make_shared<const std::vector<bool>>(compute());
        context_.statistic_rows = subset_.get();
        for (std::size_t row = 0; row < keep_.size(); ++row)
            if (!(*subset_)[row]) {
                keep_[row] = 0;
                ++dropped_.subset;
            }
    }

    // The values of an expression on every frame row, computed once per distinct term name.
    const double* series(const Expr& expr, const std::string& name) {
        if (const auto it = series_.find(name); it != series_.end()) return it->second;
        const double* data = nullptr;
        if (expr.kind == Expr::Kind::column && frame_.column(expr.text).type == data::ColumnType::numeric) {
            data = frame_.column(expr.text).numbers.data();
        } else {
            owned_.push_back(evaluate(expr, context_));
            data = owned_.back().data();
            uses_statistics_ = uses_statistics_ || has_statistic(expr);
        }
        series_.emplace(name, data);
        used_series_.push_back(data);
        return data;
    }

    const double* resolve_outcome() {
        const Expr& outcome = formula_.outcome;
        if (check(outcome, context_) == ValueType::text)
            throw context_.source.error(outcome.position, "the outcome '" + formula_.outcome_name +
                                                              "' holds text (categorical); it must be numeric");
        return series(outcome, formula_.outcome_name);
    }

    const Levels& levels_of(const std::string& variable) {
        return remembered_levels(variable, [&] { return sorted_levels(frame_.column(variable)); });
    }

    // The levels named `name`, from the shared ones when there are, computed once per design.
    const Levels& remembered_levels(const std::string& name, const std::function<Levels()>& compute) {
        auto it = levels_.find(name);
        if (it == levels_.end()) {
            auto levels = shared_ ? shared_->levels(name, compute) : std::make_shared<const Levels>(compute());
            it = levels_.emplace(name, std::move(levels)).first;
            used_levels_.push_back(it->second.get());
        }
        return *it->second;
    }

    void require_column(const std::string& name, std::size_t position) const {
        if (!frame_.has(name))
            throw context_.source.error(position, "unknown variable '" + name + "'" +
                                                      data::did_you_mean(name, frame_.names()));
    }

    std::int32_t reference_code(const Piece& piece, const Levels& levels) const {
        const Level& ref = *piece.reference;
        const bool numeric = frame_.column(piece.variable).type != data::ColumnType::categorical;
        const std::string wanted = numeric && ref.is_number ? level_name(ref.number) : ref.text;
        for (std::size_t code = 0; code < levels.names.size(); ++code)
            if (levels.names[code] == wanted) return static_cast<std::int32_t>(code);
        throw context_.source.error(ref.position, "'" + ref.text + "' is not a level of '" + piece.variable +
                                                      "'" + data::did_you_mean(wanted, levels.names));
    }

    ResolvedPiece resolve_factor(const std::string& variable, const Piece& piece) {
        ResolvedPiece out;
        out.variable = variable;
        out.levels = &levels_of(variable);
        out.name = variable;
        if (piece.reference) {
            out.reference = reference_code(piece, *out.levels);
            out.reference_position = piece.reference->position;
        }
        return out;
    }

    std::vector<ResolvedTerm> resolve_terms(const std::vector<Term>& terms) {
        std::vector<ResolvedTerm> out;
        for (const auto& term : terms) {
            ResolvedTerm resolved;
            resolved.term = &term;
            for (const auto& piece : term.pieces) {
                if (piece.kind == Piece::Kind::factor) {
                    require_column(piece.variable, piece.position);
                    resolved.pieces.push_back(resolve_factor(piece.variable, piece));
                    continue;
                }
                if (piece.kind == Piece::Kind::sunab) {
                    resolved.pieces.push_back(resolve_sunab(piece));
                    continue;
                }
                if (check(piece.value, context_) == ValueType::text) {
                    if (piece.value.kind != Expr::Kind::column)
                        throw context_.source.error(piece.position, "'" + piece.name + "' is text, not a term");
                    resolved.pieces.push_back(resolve_factor(piece.value.text, piece));
                    continue;
                }
                ResolvedPiece value;
                value.values = series(piece.value, piece.name);
                value.name = piece.name;
                resolved.pieces.push_back(value);
            }
            out.push_back(std::move(resolved));
        }
        return out;
    }

    // sunab(cohort, period): the period's missing values drop rows; a missing cohort is never treated.
    ResolvedPiece resolve_sunab(const Piece& piece) {
        for (const auto* name : {&piece.variable, &piece.period}) {
            require_column(*name, piece.position);
            if (frame_.column(*name).type == data::ColumnType::categorical)
                throw context_.source.error(piece.position, "sunab(): '" + *name + "' holds text; cohorts and periods are numbers");
        }
        ResolvedPiece out;
        Expr period;
        period.kind = Expr::Kind::column;
        period.text = piece.period;
        out.values = series(period, piece.period);
        owned_.push_back(frame_.column(piece.variable).to_doubles());
        out.cohort = owned_.back().data();
        out.name = piece.name;
        out.variable = piece.period;
        out.reference_position = piece.position;
        return out;
    }

    static bool is_sunab(const ResolvedTerm& term) {
        return std::any_of(term.pieces.begin(), term.pieces.end(), [](const ResolvedPiece& p) { return p.cohort; });
    }

    // One sunab() term, alone in its term, among the regressors.
    void check_sunab(const std::vector<ResolvedTerm>& exogenous, const std::vector<ResolvedTerm>& endogenous,
                     const std::vector<ResolvedTerm>& instruments) const {
        std::size_t count = 0;
        for (const auto& term : exogenous) {
            if (!is_sunab(term)) continue;
            if (term.pieces.size() > 1 || ++count > 1)
                throw context_.source.error(term.term->position, term.pieces.size() > 1
                                                                     ? "sunab() cannot be interacted with other terms"
                                                                     : "only one sunab() term is allowed");
        }
        for (const auto* list : {&endogenous, &instruments})
            for (const auto& term : *list)
                if (is_sunab(term))
                    throw context_.source.error(term.term->position, "sunab() belongs among the regressors, not in the IV part");
    }

    ColumnPlan sunab_plan(const ResolvedTerm& term, Design& design) const {
        const ResolvedPiece& piece = term.pieces.front();
        auto columns = sunab_columns(piece.cohort, piece.values, rows_, design.weights, piece.variable,
                                     context_.source, piece.reference_position);
        ColumnPlan out;
        out.column_of_obs = std::move(columns.column_of_obs);
        for (const auto& cell : columns.cells) out.names.push_back(cell.name);
        design.sample.sunab = std::move(columns.cells);
        design.sample.sunab_period = piece.variable;
        return out;
    }

    void check_iv_names() const {
        for (const auto* list : {&formula_.endogenous, &formula_.instruments})
            for (const auto& term : *list)
                for (const auto& regressor : formula_.terms)
                    if (regressor.name == term.name)
                        throw context_.source.error(
                            term.position, "'" + term.name + "' is already among the terms; the IV part lists " +
                                               (list == &formula_.endogenous ? "the endogenous variables"
                                                                             : "the excluded instruments"));
    }

    const Levels& fixed_effect_levels(const FixedEffect& effect) {
        for (std::size_t v = 0; v < effect.variables.size(); ++v)
            require_column(effect.variables[v], effect.positions[v]);
        if (effect.variables.size() == 1) return levels_of(effect.variables[0]);
        return combined_levels(effect.variables, effect.name);
    }

    // The columns of a fixed effect's varying slopes; their missing values drop rows.
    std::vector<const double*> varying_slopes(const FixedEffect& effect) {
        std::vector<const double*> out;
        for (std::size_t v = 0; v < effect.slopes.size(); ++v) {
            const std::string& name = effect.slopes[v];
            require_column(name, effect.slope_positions[v]);
            if (frame_.column(name).type == data::ColumnType::categorical)
                throw context_.source.error(effect.slope_positions[v],
                                            "the varying slope '" + name + "' holds text (categorical); it must be numeric");
            Expr column;
            column.kind = Expr::Kind::column;
            column.text = name;
            out.push_back(series(column, name));
        }
        return out;
    }

    const Levels& combined_levels(const std::vector<std::string>& variables, const std::string& name) {
        std::vector<const Levels*> parts;
        for (const auto& variable : variables) parts.push_back(&levels_of(variable));
        return remembered_levels(name, [&] {
            Levels combined = *parts[0];
            for (std::size_t v = 1; v < parts.size(); ++v) combined = combine(combined, *parts[v]);
            return combined;
        });
    }

    const Levels& cluster_levels(const std::string& name) {
        std::vector<std::string> variables;
        std::size_t start = 0;
        for (std::size_t hat = name.find('^'); ; hat = name.find('^', start)) {
            variables.push_back(name.substr(start, hat == std::string::npos ? hat : hat - start));
            if (hat == std::string::npos) break;
            start = hat + 1;
        }
        for (const auto& variable : variables)
            if (!frame_.has(variable))
                throw Error("--vcov cluster: no column '" + variable + "'" +
                            data::did_you_mean(variable, frame_.names()));
        if (variables.size() == 1) return levels_of(variables[0]);
        return combined_levels(variables, name);
    }

    const double* named_series(const std::string& name, const std::string& option) {
        if (!frame_.has(name))
            throw Error(option + ": no column '" + name + "'" + data::did_you_mean(name, frame_.names()));
        if (frame_.column(name).type == data::ColumnType::categorical)
            throw Error(option + ": column '" + name + "' holds text (categorical), not numbers");
        Expr column;
        column.kind = Expr::Kind::column;
        column.text = name;
        return series(column, option + " " + name);
    }

    // A column, or an expression such as 1/pop whose values that are not finite (1/0) count as
    // missing, as a transformed term's do.
    const double* weight_series() {
        const Expr expression = parse_weights(spec_.weights);
        if (expression.kind == Expr::Kind::column) return named_series(expression.text, "--weights");
        const EvaluationContext context{frame_, panel_, Source{spec_.weights, "weights"}, subset_.get()};
        if (check(expression, context) == ValueType::text)
            throw context.source.error(expression.position, "the weights must be numeric");
        owned_.push_back(evaluate(expression, context));
        uses_statistics_ = uses_statistics_ || has_statistic(expression);
        for (double& w : owned_.back())
            if (!std::isfinite(w)) w = std::numeric_limits<double>::quiet_NaN();
        used_series_.push_back(owned_.back().data());
        return owned_.back().data();
    }

    void drop_row(std::size_t row, std::size_t& counter) {
        keep_[row] = 0;
        ++counter;
    }

    // One flag pass per variable, then one over the sample, branch-free (row by row with a branch
    // on each flag, this was the largest part of building a design in a batch).
    void drop_missing() {
        const std::size_t n = keep_.size();
        std::vector<std::uint8_t> missing(n, 0);
        std::uint8_t* flag = missing.data();
        for (const double* x : used_series_)
            for (std::size_t row = 0; row < n; ++row) flag[row] |= not_finite(x[row]);
        for (const Levels* levels : used_levels_) {
            const std::int32_t* codes = levels->codes.data();
            for (std::size_t row = 0; row < n; ++row) flag[row] |= codes[row] == data::kMissingCode;
        }
        std::uint8_t* keep = keep_.data();
        std::size_t dropped = 0;
        for (std::size_t row = 0; row < n; ++row) {
            const std::uint8_t drop = keep[row] & flag[row];
            dropped += drop;
            keep[row] ^= drop;
        }
        dropped_.missing += dropped;
    }

    // Rows outside the subset are not checked: their weights are never used.
    void check_weights(const double* w) const {
        for (std::size_t row = 0; row < keep_.size(); ++row)
            if (keep_[row] && (w[row] < 0 || std::isinf(w[row])))
                throw Error("--weights " + spec_.weights + ": " + row_text(row, frame_) + " has the weight " +
                            level_name(w[row]) + "; weights must be finite and non-negative");
    }

    void drop_zero_weights(const double* w) {
        for (std::size_t row = 0; row < keep_.size(); ++row)
            if (keep_[row] && w[row] == 0) drop_row(row, dropped_.zero_weight);
    }

    Error empty_sample() const {
        return Error("no observations left to estimate on: of " + std::to_string(keep_.size()) + " rows, " +
                     std::to_string(dropped_.subset) + " outside the subset, " +
                     std::to_string(dropped_.missing) + " with missing values, " +
                     std::to_string(dropped_.zero_weight) + " with zero weight, " +
                     std::to_string(dropped_.singletons) + " singletons");
    }

    arma::vec gather(const double* x) const {
        arma::vec out(rows_.size());
        for (std::size_t i = 0; i < rows_.size(); ++i) out[i] = x[rows_[i]];
        return out;
    }

    ColumnPlan plan(const ResolvedTerm& term, bool absorbs_reference, bool& full_factor) const {
        ColumnPlan out;
        std::vector<const ResolvedPiece*> factors;
        for (const auto& piece : term.pieces) {
            if (piece.levels) factors.push_back(&piece);
            else out.values.push_back(piece.values);
        }
        if (factors.empty()) {
            out.names.push_back(term.term->name);
            return out;
        }
        // The level combinations present in the sample, in sorted order, with a representative row.
        Levels combined = *factors[0]->levels;
        for (std::size_t f = 1; f < factors.size(); ++f) combined = combine(combined, *factors[f]->levels);
        const Grouping groups = grouping_on(combined, rows_, term.term->name);
        std::vector<std::size_t> representative(static_cast<std::size_t>(groups.levels), 0);
        for (std::size_t i = rows_.size(); i-- > 0;) representative[static_cast<std::size_t>(groups.codes[i])] = rows_[i];

        const bool main_effect = factors.size() == 1 && out.values.empty() && factors[0]->reference < 0 &&
                                 !term.term->keep_all_levels;
        const bool drop_smallest = main_effect && (absorbs_reference || full_factor);
        if (main_effect && !drop_smallest) full_factor = true;

        std::vector<std::int32_t> column_of_group(static_cast<std::size_t>(groups.levels), -1);
        std::vector<bool> reference_seen(factors.size(), false);
        std::int32_t next = 0;
        for (std::size_t g = 0; g < column_of_group.size(); ++g) {
            bool is_reference = drop_smallest && g == 0;
            for (std::size_t f = 0; f < factors.size(); ++f) {
                if (factors[f]->levels->codes[representative[g]] == factors[f]->reference) {
                    is_reference = true;
                    reference_seen[f] = true;
                }
            }
            if (is_reference) continue;
            column_of_group[g] = next++;
            std::string name;
            std::size_t f = 0;
            for (const auto& piece : term.pieces) {
                if (!name.empty()) name += ':';
                if (piece.levels) {
                    const auto code = static_cast<std::size_t>(factors[f++]->levels->codes[representative[g]]);
                    name += piece.variable + "::" + piece.levels->names[code];
                } else {
                    name += piece.name;
                }
            }
            out.names.push_back(std::move(name));
        }
        for (std::size_t f = 0; f < factors.size(); ++f)
            if (factors[f]->reference >= 0 && !reference_seen[f])
                throw context_.source.error(
                    factors[f]->reference_position,
                    "the reference level '" + factors[f]->levels->names[static_cast<std::size_t>(factors[f]->reference)] +
                        "' of '" + factors[f]->variable + "' is not in the estimation sample");
        out.column_of_obs.resize(rows_.size());
        for (std::size_t i = 0; i < rows_.size(); ++i)
            out.column_of_obs[i] = column_of_group[static_cast<std::size_t>(groups.codes[i])];
        return out;
    }

    // Plans are listed endogenous then exogenous terms (X), and instruments (Z), as built.
    void check_size(const std::vector<ColumnPlan>& x_plans, const std::vector<ColumnPlan>& z_plans,
                    const std::vector<ResolvedTerm>& endogenous, const std::vector<ResolvedTerm>& exogenous,
                    const std::vector<ResolvedTerm>& instruments, bool intercept) const {
        std::vector<TermWidth> widths;
        if (intercept) widths.push_back({"(Intercept)", 1});
        std::size_t p = 0;
        for (const auto* terms : {&endogenous, &exogenous})
            for (const auto& term : *terms) widths.push_back({term.term->name, x_plans[p++].names.size()});
        for (std::size_t i = 0; i < instruments.size(); ++i)
            widths.push_back({instruments[i].term->name, z_plans[i].names.size()});
        check_design_size(rows_.size(), widths, data::usable_memory());
    }

    // Column-major fill: each plan writes its columns in one pass over the sample.
    arma::mat fill(const std::vector<ColumnPlan>& plans, bool intercept, std::vector<std::string>& names) const {
        std::size_t k = intercept ? 1 : 0;
        for (const auto& p : plans) k += p.names.size();
        const std::size_t n = rows_.size();
        arma::mat X(n, k, arma::fill::zeros);
        std::size_t column = 0;
        if (intercept) {
            X.col(0).ones();
            names.push_back("(Intercept)");
            column = 1;
        }
        for (const auto& p : plans) {
            if (p.column_of_obs.empty()) {
                double* out = X.colptr(column);
                for (std::size_t i = 0; i < n; ++i) out[i] = p.values[0][rows_[i]];
                for (std::size_t v = 1; v < p.values.size(); ++v)
                    for (std::size_t i = 0; i < n; ++i) out[i] *= p.values[v][rows_[i]];
            } else {
                for (std::size_t i = 0; i < n; ++i) {
                    const std::int32_t c = p.column_of_obs[i];
                    if (c < 0) continue;
                    double value = 1;
                    for (const double* x : p.values) value *= x[rows_[i]];
                    X.at(i, column + static_cast<std::size_t>(c)) = value;
                }
            }
            names.insert(names.end(), p.names.begin(), p.names.end());
            column += p.names.size();
        }
        return X;
    }

    const ModelSpec& spec_;
    const Formula& formula_;
    const data::Frame& frame_;
    const data::PanelIndex* panel_;
    SharedSamples* shared_;
    EvaluationContext context_;
    std::vector<std::uint8_t> keep_;
    std::shared_ptr<const std::vector<bool>> subset_;  // --subset's rows; null without
    bool uses_statistics_ = false;                     // some column holds scale(), center() or mean()
    std::vector<std::size_t> rows_;
    Dropped dropped_;
    std::deque<std::vector<double>> owned_;
    std::map<std::string, const double*> series_;
    std::map<std::string, std::shared_ptr<const Levels>> levels_;
    std::vector<const double*> used_series_;
    std::vector<const Levels*> used_levels_;
};

}  // namespace

Design build_design(const ModelSpec& spec, const data::Frame& frame, const data::PanelIndex* panel,
                    SharedSamples* shared) {
    auto design = DesignBuilder(spec, frame, panel, shared).build();
    check_magnitudes(design);
    return design;
}

}  // namespace gvcpanel::models
