#include "estimators/gmm/dynamic_panel.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::estimators {

namespace {

int parse_lag_number(const std::string& text, const std::string& whole) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || value < 0)
        throw Error("--gmm '" + whole + "': '" + text + "' is not a lag (a whole number >= 0); expected VAR:LO-HI, e.g. y:2-99");
    return value;
}

std::string without_spaces(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\t') out += c;
    return out;
}

// The variable a regressor is a lag of: "l(log(emp),2)" -> "log(emp)"; otherwise the name itself.
std::string lagged_variable(const std::string& name) {
    if (name.rfind("l(", 0) != 0 || name.back() != ')') return name;
    const auto comma = name.rfind(',');
    if (comma == std::string::npos || comma < 2) return name;
    return name.substr(2, comma - 2);
}

}  // namespace

GmmStyleInstrument parse_gmm_instrument(const std::string& text) {
    GmmStyleInstrument instrument;
    const std::string compact = without_spaces(text);
    const auto colon = compact.rfind(':');
    // A colon inside parentheses belongs to the expression (an interaction), not to the lag range.
    const bool has_range = colon != std::string::npos && compact.find(')', colon) == std::string::npos;
    instrument.variable = has_range ? compact.substr(0, colon) : compact;
    if (instrument.variable.empty()) throw Error("--gmm '" + text + "': name the variable, e.g. y:2-99");
    if (!has_range) return instrument;
    const std::string range = compact.substr(colon + 1);
    const auto dash = range.find('-');
    instrument.first_lag = parse_lag_number(range.substr(0, dash), text);
    if (dash != std::string::npos) {
        const std::string last = range.substr(dash + 1);
        instrument.last_lag = last == "." ? GmmStyleInstrument::kAllLags : parse_lag_number(last, text);
    }
    if (instrument.last_lag < instrument.first_lag)
        throw Error("--gmm '" + text + "': the last lag " + std::to_string(instrument.last_lag) +
                    " is below the first " + std::to_string(instrument.first_lag));
    return instrument;
}

Transform parse_transform(const std::string& name) {
    if (name == "fd") return Transform::first_differences;
    if (name == "fod") return Transform::orthogonal_deviations;
    throw Error("--transform '" + name + "': expected fd (first differences) or fod (forward orthogonal deviations)");
}

void DynamicPanelOptions::validate() const {
    if (gmm.empty())
        throw Error("dynamic GMM needs GMM-style instruments: add --gmm \"VAR:LO-HI\", e.g. --gmm \"y:2-99\"");
    for (const auto& g : gmm)
        if (g.first_lag < 1)
            throw Error("--gmm '" + g.variable + ":" + std::to_string(g.first_lag) +
                        "-...': lag 0 of a variable cannot instrument the transformed equation; start at lag 1 or more");
}

DynamicPanel::DynamicPanel(const models::Design& design, const data::PanelIndex& panel,
                           const std::vector<std::vector<double>>& gmm_levels, const DynamicPanelOptions& options)
    : design_(design), options_(options) {
    options_.validate();
    if (!panel.has_time()) throw Error("dynamic GMM needs --panel ID,TIME (lags follow the time variable)");
    if (design.sample.entity.size() != design.nobs() || design.sample.period.size() != design.nobs())
        throw Error("dynamic GMM: the design carries no panel codes (give --panel ID,TIME)");
    if (gmm_levels.size() != options_.gmm.size())
        throw Error("dynamic GMM: " + std::to_string(gmm_levels.size()) + " instrument columns for " +
                    std::to_string(options_.gmm.size()) + " --gmm variables");
    build_grids(panel, gmm_levels);
    choose_regressors_and_iv(panel.time_name());
    lay_out_instruments();
    keep_nonzero_instruments();
}

void DynamicPanel::build_grids(const data::PanelIndex& panel, const std::vector<std::vector<double>>& gmm_levels) {
    std::vector<std::int64_t> index_of(panel.n_entities(), -1);
    for (const auto code : design_.sample.entity) {
        auto& slot = index_of[static_cast<std::size_t>(code)];
        if (slot >= 0) continue;
        slot = static_cast<std::int64_t>(entities_.size());
        entities_.push_back({code, 0, 0, 0});
    }
    // Entities in code order make the sums reproducible whatever the row order of the file.
    std::sort(entities_.begin(), entities_.end(), [](const Entity& a, const Entity& b) { return a.code < b.code; });
    for (std::size_t i = 0; i < entities_.size(); ++i) index_of[static_cast<std::size_t>(entities_[i].code)] = static_cast<std::int64_t>(i);

    std::size_t cells = 0;
    first_period_ = std::numeric_limits<std::int32_t>::max();
    last_period_ = std::numeric_limits<std::int32_t>::min();
    for (auto& entity : entities_) {
        const auto rows = panel.entity_rows(entity.code);
        entity.first_period = panel.period()[rows.front()];
        entity.length = static_cast<std::size_t>(panel.period()[rows.back()] - entity.first_period) + 1;
        entity.grid = cells;
        cells += entity.length;
        first_period_ = std::min(first_period_, entity.first_period);
        last_period_ = std::max(last_period_, panel.period()[rows.back()]);
    }
    design_row_.assign(cells, -1);
    gmm_grid_.set_size(cells, gmm_levels.size());
    gmm_grid_.fill(arma::datum::nan);
    for (const auto& entity : entities_)
        for (const auto row : panel.entity_rows(entity.code)) {
            const auto cell = entity.grid + static_cast<std::size_t>(panel.period()[row] - entity.first_period);
            for (std::size_t j = 0; j < gmm_levels.size(); ++j) gmm_grid_(cell, j) = gmm_levels[j][row];
        }
    for (std::size_t r = 0; r < design_.nobs(); ++r) {
        const auto& entity = entities_[static_cast<std::size_t>(index_of[static_cast<std::size_t>(design_.sample.entity[r])])];
        design_row_[entity.grid + static_cast<std::size_t>(design_.sample.period[r] - entity.first_period)] =
            static_cast<std::int64_t>(r);
    }
}

void DynamicPanel::choose_regressors_and_iv(const std::string& time_name) {
    std::vector<arma::uword> kept;
    for (std::size_t j = 0; j < design_.names.size(); ++j) {
        // The intercept differences away: difference GMM has none (xtabond2's noconstant).
        if (!options_.system && design_.names[j] == "(Intercept)") continue;
        kept.push_back(j);
        names_.push_back(design_.names[j]);
    }
    if (kept.empty()) throw Error("dynamic GMM: the model has no regressors");
    regressors_ = arma::uvec(kept);

    std::vector<char> is_iv(names_.size(), 0);
    if (options_.iv.empty()) {
        for (std::size_t j = 0; j < names_.size(); ++j) {
            const auto base = lagged_variable(names_[j]);
            is_iv[j] = std::none_of(options_.gmm.begin(), options_.gmm.end(),
                                    [&](const GmmStyleInstrument& g) { return g.variable == base; });
        }
    } else {
        for (const auto& wanted : options_.iv) {
            const auto name = without_spaces(wanted);
            bool found = false;
            for (std::size_t j = 0; j < names_.size(); ++j)
                if (names_[j] == name || lagged_variable(names_[j]) == name) is_iv[j] = found = true;
            if (!found)
                throw Error("--iv '" + wanted + "': not a regressor of the model" + data::did_you_mean(name, names_));
        }
    }
    // System GMM identifies the intercept and the time effects in the levels equation only, as
    // pgmm does and xtabond2's iv(yr*, equation(level)) recommends.
    const std::string time_prefix = time_name + "::";
    for (std::size_t j = 0; j < names_.size(); ++j) {
        if (!is_iv[j]) continue;
        const bool levels_only = names_[j] == "(Intercept)" || names_[j].rfind(time_prefix, 0) == 0;
        if (options_.system) iv_levels_.push_back(j);
        if (!options_.system || !levels_only) iv_transformed_.push_back(j);
    }
}

int DynamicPanel::last_lag(std::size_t j, std::int32_t period) const {
    return std::min(options_.gmm[j].last_lag, period - first_period_);
}

void DynamicPanel::lay_out_instruments() {
    // Transformed rows sit at periods first_period_+1 .. last_period_+1 (fod stores one late).
    const std::int32_t periods = last_period_ - first_period_ + 2;
    std::size_t column = 0;
    std::vector<std::string> group_names;
    auto open_group = [&](const std::string& name) {
        group_names.push_back(name);
        return static_cast<std::int64_t>(group_names.size() - 1);
    };
    for (std::size_t j = 0; j < options_.gmm.size(); ++j) {
        const auto& g = options_.gmm[j];
        const auto group = open_group("gmm(" + g.variable + ")");
        std::vector<std::size_t> start(static_cast<std::size_t>(periods) + 1, column);
        for (std::int32_t p = 0; p < periods; ++p) {
            start[static_cast<std::size_t>(p)] = column;
            const std::int32_t period = first_period_ + p;
            const int count = options_.collapse ? 0 : std::max(0, last_lag(j, period) - g.first_lag + 1);
            column += static_cast<std::size_t>(count);
        }
        if (options_.collapse) {
            const int count = std::max(0, last_lag(j, last_period_ + 1) - g.first_lag + 1);
            std::fill(start.begin(), start.end(), column);
            column += static_cast<std::size_t>(count);
        }
        start.back() = column;
        gmm_start_.push_back(std::move(start));
        full_group_.resize(column, group);
    }
    // IV-style columns of both equations form one group ("iv"); the GMM-style columns of the levels
    // equation another ("levels"), the subset Blundell and Bond's extra moments rest on.
    const auto iv_group = iv_transformed_.empty() && iv_levels_.empty() ? -1 : open_group("iv");
    iv_offset_ = column;
    column += iv_transformed_.size();
    full_group_.resize(column, iv_group);
    if (options_.system) {
        const auto group = open_group("levels");
        for (std::size_t j = 0; j < options_.gmm.size(); ++j) {
            level_offset_.push_back(column);
            column += options_.collapse ? 1 : static_cast<std::size_t>(last_period_ - first_period_ + 1);
        }
        full_group_.resize(column, group);
        iv_level_offset_ = column;
        column += iv_levels_.size();
        full_group_.resize(column, iv_group);
    }
    n_columns_ = column;
    for (auto& name : group_names) groups_.push_back({std::move(name), {}});
}

double DynamicPanel::gmm_value(const Entity& entity, std::size_t j, std::int32_t period) const {
    if (period < entity.first_period || period >= entity.first_period + static_cast<std::int32_t>(entity.length))
        return arma::datum::nan;
    return gmm_grid_(entity.grid + static_cast<std::size_t>(period - entity.first_period), j);
}

void DynamicPanel::equation_rows(const Entity& entity, Transform transform, bool levels, std::vector<Row>& rows,
                                 arma::vec& y, arma::mat& X) const {
    const auto design_row = [&](std::size_t p) { return design_row_[entity.grid + p]; };
    std::vector<std::int64_t> at;  // design rows of the transformed (then level) equations
    std::vector<std::int64_t> before;
    std::vector<double> scale;
    rows.clear();
    if (transform == Transform::first_differences) {
        for (std::size_t p = 1; p < entity.length; ++p) {
            if (design_row(p) < 0 || design_row(p - 1) < 0) continue;
            rows.push_back({entity.first_period + static_cast<std::int32_t>(p), false,
                            design_.sample.rows[static_cast<std::size_t>(design_row(p))]});
            at.push_back(design_row(p));
            before.push_back(design_row(p - 1));
        }
    } else {
        for (std::size_t q = 0; q + 1 < entity.length; ++q) {
            if (design_row(q) < 0) continue;
            std::size_t future = 0;
            for (std::size_t p = q + 1; p < entity.length; ++p) future += design_row(p) >= 0;
            if (future == 0) continue;
            // Arellano and Bover (1995): sqrt(m/(m+1)) (x_q - mean of the m later observations).
            rows.push_back({entity.first_period + static_cast<std::int32_t>(q) + 1, false,
                            design_.sample.rows[static_cast<std::size_t>(design_row(q))]});
            at.push_back(design_row(q));
            scale.push_back(std::sqrt(static_cast<double>(future) / static_cast<double>(future + 1)));
        }
    }
    const std::size_t n_transformed = rows.size();
    if (levels)
        for (std::size_t p = 0; p < entity.length; ++p)
            if (design_row(p) >= 0) {
                rows.push_back({entity.first_period + static_cast<std::int32_t>(p), true,
                                design_.sample.rows[static_cast<std::size_t>(design_row(p))]});
                at.push_back(design_row(p));
            }

    const arma::uword k = regressors_.n_elem;
    y.set_size(rows.size());
    X.set_size(rows.size(), k);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto now = static_cast<arma::uword>(at[r]);
        y(r) = design_.y(now);
        for (arma::uword c = 0; c < k; ++c) X(r, c) = design_.X(now, regressors_(c));
        if (r >= n_transformed) continue;
        if (transform == Transform::first_differences) {
            const auto prev = static_cast<arma::uword>(before[r]);
            y(r) -= design_.y(prev);
            for (arma::uword c = 0; c < k; ++c) X(r, c) -= design_.X(prev, regressors_(c));
        } else {
            const std::size_t q = static_cast<std::size_t>(rows[r].period - 1 - entity.first_period);
            double y_sum = 0;
            arma::vec x_sum(k, arma::fill::zeros);
            std::size_t m = 0;
            for (std::size_t p = q + 1; p < entity.length; ++p) {
                if (design_row(p) < 0) continue;
                const auto later = static_cast<arma::uword>(design_row(p));
                y_sum += design_.y(later);
                for (arma::uword c = 0; c < k; ++c) x_sum(c) += design_.X(later, regressors_(c));
                ++m;
            }
            y(r) = scale[r] * (y(r) - y_sum / static_cast<double>(m));
            X.row(r) = scale[r] * (X.row(r) - x_sum.t() / static_cast<double>(m));
        }
    }
}

void DynamicPanel::fill_instruments(const Entity& entity, const std::vector<Row>& rows, const arma::mat& X,
                                    arma::mat& Z) const {
    const bool all = kept_.is_empty();  // while choosing the columns: every column
    Z.zeros(rows.size(), all ? n_columns_ : kept_.n_elem);
    const auto put = [&](std::size_t r, std::size_t column, double value) {
        if (!std::isfinite(value) || value == 0.0) return;
        if (all) {
            Z(r, column) = value;
        } else if (kept_position_[column] >= 0) {
            Z(r, static_cast<arma::uword>(kept_position_[column])) = value;
        }
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto period = rows[r].period;
        if (!rows[r].level) {
            for (std::size_t j = 0; j < options_.gmm.size(); ++j) {
                const auto& g = options_.gmm[j];
                const std::size_t start = gmm_start_[j][static_cast<std::size_t>(period - first_period_)];
                for (int lag = g.first_lag; lag <= last_lag(j, period); ++lag)
                    put(r, start + static_cast<std::size_t>(lag - g.first_lag), gmm_value(entity, j, period - lag));
            }
            for (std::size_t c = 0; c < iv_transformed_.size(); ++c) put(r, iv_offset_ + c, X(r, iv_transformed_[c]));
        } else {
            for (std::size_t j = 0; j < options_.gmm.size(); ++j) {
                // The difference at lag LO-1 instruments the levels (Blundell and Bond 1998).
                const int lag = std::max(options_.gmm[j].first_lag - 1, 0);
                const double change = gmm_value(entity, j, period - lag) - gmm_value(entity, j, period - lag - 1);
                put(r, level_offset_[j] + (options_.collapse ? 0 : static_cast<std::size_t>(period - first_period_)), change);
            }
            for (std::size_t c = 0; c < iv_levels_.size(); ++c) put(r, iv_level_offset_ + c, X(r, iv_levels_[c]));
        }
    }
}

void DynamicPanel::keep_nonzero_instruments() {
    std::vector<char> used(n_columns_, 0);
    EquationBlock block;
    std::vector<Row> rows;
    for (const auto& entity : entities_) {
        equation_rows(entity, options_.transform, options_.system, rows, block.y, block.X);
        fill_instruments(entity, rows, block.X, block.Z);
        for (arma::uword c = 0; c < block.Z.n_cols; ++c)
            if (!used[c] && arma::any(block.Z.col(c) != 0.0)) used[c] = 1;
    }
    std::vector<arma::uword> kept;
    kept_position_.assign(n_columns_, -1);
    for (std::size_t c = 0; c < n_columns_; ++c) {
        if (!used[c]) continue;
        kept_position_[c] = static_cast<std::int64_t>(kept.size());
        kept.push_back(c);
    }
    if (kept.empty()) throw Error("dynamic GMM: no instrument has a value in the estimation sample");
    kept_ = arma::uvec(kept);
    std::vector<std::vector<arma::uword>> members(groups_.size());
    for (arma::uword c = 0; c < kept_.n_elem; ++c)
        members[static_cast<std::size_t>(full_group_[kept_(c)])].push_back(c);
    for (std::size_t g = 0; g < groups_.size(); ++g) groups_[g].columns = arma::uvec(members[g]);
}

void DynamicPanel::build(std::size_t i, EquationBlock& block, bool with_weights) const {
    const auto& entity = entities_[i];
    std::vector<Row> rows;
    equation_rows(entity, options_.transform, options_.system, rows, block.y, block.X);
    fill_instruments(entity, rows, block.X, block.Z);
    const std::size_t n = rows.size();
    block.period.resize(n);
    block.is_level.resize(n);
    block.frame_row.resize(n);
    block.n_transformed = 0;
    for (std::size_t r = 0; r < n; ++r) {
        block.period[r] = rows[r].period;
        block.is_level[r] = rows[r].level;
        block.frame_row[r] = rows[r].frame_row;
        block.n_transformed += !rows[r].level;
    }
    if (!with_weights) return;
    // The covariance of the transformed and level errors under iid errors, up to sigma^2 (pgmm's
    // "full" matrix): differences 2 on the diagonal and -1 for adjacent periods; orthogonal
    // deviations and levels the identity; a difference at t with the level at t +1, at t-1 -1.
    const bool differences = options_.transform == Transform::first_differences;
    block.H.zeros(n, n);
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t s = 0; s < n; ++s) {
            const auto gap = rows[r].period - rows[s].period;
            double h = 0;
            if (rows[r].level && rows[s].level) {
                h = gap == 0;
            } else if (!rows[r].level && !rows[s].level) {
                h = differences ? (gap == 0 ? 2.0 : (gap == 1 || gap == -1 ? -1.0 : 0.0)) : (gap == 0);
            } else if (differences) {
                // gap = transformed period - level period (sign by which row is the transformed one)
                const auto d = rows[r].level ? -gap : gap;
                h = d == 0 ? 1.0 : (d == 1 ? -1.0 : 0.0);
            }
            block.H(r, s) = h;
        }
}

void DynamicPanel::differences(std::size_t i, arma::vec& y, arma::mat& X, std::vector<std::int32_t>& period) const {
    std::vector<Row> rows;
    equation_rows(entities_[i], Transform::first_differences, false, rows, y, X);
    period.resize(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) period[r] = rows[r].period;
}

}  // namespace gvcpanel::estimators
