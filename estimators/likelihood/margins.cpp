// Average partial effects with analytic delta-method gradients (Cameron and Trivedi 2005, 14.3 and
// 15.6). With X the fit's columns at a point, D = dX/dx their exact derivative (models/
// counterfactual_columns), eta = X b + offset + fixed effects and w the weights summing to 1:
//   continuous x: AME = sum_i w_i mu'(eta_i) (D b)_i,
//                 gradient = X' (w .* mu''(eta) .* D b) + D' (w .* mu'(eta));
//   factor level: AME = sum_i w_i [mu(eta_i1) - mu(eta_i0)], gradient = X1' (w .* mu'(eta1)) - X0' (w .* mu'(eta0)),
// with X1 (X0) every observation at the level (the reference). The fixed effects are not
// differentiated (held at their estimates), as the fit's covariance covers the slopes only.
#include "estimators/likelihood/margins.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "data/error.hpp"
#include "models/counterfactual_columns.hpp"

namespace gvcpanel::estimators {

namespace {

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// "name = v1, v2, ..." -> (name, values).
std::pair<std::string, std::vector<double>> parse_one(const std::string& item, const std::string& text) {
    const auto eq = item.find('=');
    const std::string name = trim(item.substr(0, eq == std::string::npos ? 0 : eq));
    if (eq == std::string::npos || name.empty())
        throw Error("--margins-at '" + text + "': expected \"variable = value, value, ...\" in '" + trim(item) + "'");
    std::vector<double> values;
    std::size_t start = eq + 1;
    while (true) {
        const auto comma = item.find(',', start);
        const std::string value = trim(item.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        double number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (value.empty() || error != std::errc() || end != value.data() + value.size() || !std::isfinite(number))
            throw Error("--margins-at '" + text + "': '" + value + "' is not a number (the values of " + name + ")");
        values.push_back(number);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return {name, values};
}

// The fit's rows within the design's, for the offset and the weights.
arma::uvec positions_in_design(const models::Design& design, const Estimate& fit) {
    if (fit.sample.rows.empty()) return arma::regspace<arma::uvec>(0, design.nobs() - 1);
    std::unordered_map<std::size_t, arma::uword> position;
    for (std::size_t i = 0; i < design.sample.rows.size(); ++i) position[design.sample.rows[i]] = i;
    arma::uvec out(fit.sample.rows.size());
    for (std::size_t i = 0; i < fit.sample.rows.size(); ++i) {
        const auto it = position.find(fit.sample.rows[i]);
        if (it == position.end())
            throw Error("margins: the design does not hold data row " + std::to_string(fit.sample.rows[i] + 1) +
                        " of the fit; pass the design the model was fitted on");
        out(i) = it->second;
    }
    return out;
}

struct MeanDerivatives {
    arma::vec mu, d1, d2;
};

MeanDerivatives mean_derivatives(models::Family family, const arma::vec& eta) {
    MeanDerivatives m{arma::vec(eta.n_elem), arma::vec(eta.n_elem), arma::vec(eta.n_elem)};
    for (arma::uword i = 0; i < eta.n_elem; ++i) {
        const auto d = models::mean_derivatives(family, eta(i));
        m.mu(i) = d.mu;
        m.d1(i) = d.d1;
        m.d2(i) = d.d2;
    }
    return m;
}

}  // namespace

MarginsGrid parse_margins_at(const std::vector<std::string>& texts) {
    std::vector<std::pair<std::string, std::vector<double>>> axes;
    for (const auto& text : texts) {
        std::size_t start = 0;
        while (start <= text.size()) {
            const auto semicolon = text.find(';', start);
            const std::string item = text.substr(start, semicolon == std::string::npos ? std::string::npos : semicolon - start);
            start = semicolon == std::string::npos ? text.size() + 1 : semicolon + 1;
            auto axis = parse_one(item, text);
            for (const auto& seen : axes)
                if (seen.first == axis.first)
                    throw Error("--margins-at '" + text + "': " + axis.first + " is given values twice");
            axes.push_back(std::move(axis));
        }
    }
    MarginsGrid grid;
    if (axes.empty()) return grid;
    for (const auto& axis : axes) grid.variables.push_back(axis.first);
    std::vector<std::size_t> index(axes.size(), 0);
    while (true) {
        std::vector<double> point;
        for (std::size_t v = 0; v < axes.size(); ++v) point.push_back(axes[v].second[index[v]]);
        grid.points.push_back(std::move(point));
        std::size_t v = axes.size();
        while (v > 0 && ++index[v - 1] == axes[v - 1].second.size()) index[--v] = 0;
        if (v == 0) break;
    }
    return grid;
}

void require_partial_effects(models::Family family) {
    if (family == models::Family::tobit || models::is_ordered(family))
        throw Error("margins: partial effects are available for logit, probit, poisson, negbin, "
                    "fraclogit and fracprobit (not " + std::string(models::to_string(family)) + ")");
}

std::vector<PartialEffect> average_partial_effects(const MarginsInput& input, models::Family family,
                                                   const Estimate& fit, const MarginsOptions& options) {
    require_partial_effects(family);
    const models::Design& design = input.design;
    const arma::uvec in_design = positions_in_design(design, fit);
    const std::vector<std::size_t> rows = fit.sample.rows.empty() ? design.sample.rows : fit.sample.rows;
    const models::CounterfactualColumns columns(input.formula, input.frame, input.panel, rows, fit.names);
    const std::size_t n = columns.n();
    for (const auto& name : options.variables) columns.variable(name);  // an unknown name is an Error
    for (const auto& name : options.at.variables)
        if (columns.variable(name).factor)
            throw Error("--margins-at: '" + name + "' is a factor; give values of numeric variables");

    arma::vec w = design.weights.empty() ? arma::vec(n, arma::fill::ones) : arma::vec(design.weights.elem(in_design));
    w /= arma::accu(w);
    const arma::mat X = columns.columns();
    const arma::vec offset = design.offset.empty() ? arma::vec(n, arma::fill::zeros) : arma::vec(design.offset.elem(in_design));
    const arma::vec eta = fit.linear_predictor.is_empty() ? arma::vec(X * fit.coef + offset) : fit.linear_predictor;
    if (eta.n_elem != n)
        throw Error("margins: the fit has " + std::to_string(eta.n_elem) + " linear predictors for " +
                    std::to_string(n) + " observations");
    // The index with the columns changed: the fixed effects and the offset stay as they are.
    const auto index_at = [&](const arma::mat& changed) -> arma::vec { return eta + (changed - X) * fit.coef; };

    std::vector<PartialEffect> effects;
    const std::size_t points = std::max<std::size_t>(options.at.points.size(), 1);
    for (std::size_t p = 0; p < points; ++p) {
        std::vector<models::Setting> settings;
        std::vector<std::pair<std::string, double>> at;
        if (!options.at.empty())
            for (std::size_t v = 0; v < options.at.variables.size(); ++v) {
                settings.push_back({options.at.variables[v], options.at.points[p][v], ""});
                at.emplace_back(options.at.variables[v], options.at.points[p][v]);
            }
        const arma::mat Xp = settings.empty() ? X : columns.columns(settings);
        const MeanDerivatives m = mean_derivatives(family, index_at(Xp));
        for (const auto& variable : columns.variables()) {
            if (!options.variables.empty() &&
                std::find(options.variables.begin(), options.variables.end(), variable.name) == options.variables.end())
                continue;
            if (!columns.enters_fit(variable.name)) continue;
            if (!variable.factor) {
                const arma::mat D = columns.derivative(variable.name, settings);
                const arma::vec slope = D * fit.coef;
                PartialEffect e{variable.name, at, arma::dot(w, m.d1 % slope),
                                Xp.t() * (w % m.d2 % slope) + D.t() * (w % m.d1)};
                effects.push_back(std::move(e));
                continue;
            }
            auto at_level = settings;
            at_level.push_back({variable.name, 0, variable.reference});
            const arma::mat X0 = columns.columns(at_level);
            const MeanDerivatives m0 = mean_derivatives(family, index_at(X0));
            for (const auto& level : variable.levels) {
                if (level == variable.reference) continue;
                at_level.back().level = level;
                const arma::mat X1 = columns.columns(at_level);
                const MeanDerivatives m1 = mean_derivatives(family, index_at(X1));
                PartialEffect e{variable.name + "::" + level, at, arma::dot(w, m1.mu - m0.mu),
                                X1.t() * (w % m1.d1) - X0.t() * (w % m0.d1)};
                effects.push_back(std::move(e));
            }
        }
    }
    return effects;
}

std::vector<MarginRow> margin_rows(const std::vector<PartialEffect>& effects, const arma::mat& vcov) {
    std::vector<MarginRow> rows;
    for (const auto& e : effects) {
        if (vcov.n_rows != e.gradient.n_elem || vcov.n_cols != e.gradient.n_elem)
            throw Error("margins: the covariance is " + std::to_string(vcov.n_rows) + " x " +
                        std::to_string(vcov.n_cols) + " for " + std::to_string(e.gradient.n_elem) + " coefficients");
        MarginRow row;
        row.name = e.name;
        row.at = e.at;
        row.effect = e.value;
        row.se = std::sqrt(arma::as_scalar(e.gradient.t() * vcov * e.gradient));
        row.z = row.effect / row.se;
        row.p = 2 * boost::math::cdf(boost::math::normal(), -std::fabs(row.z));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<MarginRow> partial_effects(const MarginsInput& input, models::Family family, const Estimate& fit,
                                       const arma::mat& vcov, const MarginsOptions& options) {
    if (vcov.n_rows != fit.k() || vcov.n_cols != fit.k())
        throw Error("margins: the covariance is " + std::to_string(vcov.n_rows) + " x " +
                    std::to_string(vcov.n_cols) + " for " + std::to_string(fit.k()) + " coefficients");
    return margin_rows(average_partial_effects(input, family, fit, options), vcov);
}

nlohmann::ordered_json margins_to_json(const std::vector<MarginRow>& rows) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    const auto number = [](double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nullptr; };
    for (const auto& row : rows) {
        nlohmann::ordered_json item = {{"name", row.name}, {"effect", number(row.effect)}, {"se", number(row.se)},
                                       {"z", number(row.z)}, {"p", number(row.p)}, {"at", "average"}};
        if (!row.at.empty()) {
            item["at_values"] = nlohmann::ordered_json::object();
            for (const auto& [variable, value] : row.at) item["at_values"][variable] = value;
        }
        out.push_back(std::move(item));
    }
    return out;
}

std::vector<MarginRow> margins_from_json(const nlohmann::ordered_json& json) {
    const auto number = [](const nlohmann::ordered_json& row, const char* key) {
        return row.contains(key) && row.at(key).is_number() ? row.at(key).get<double>() : std::nan("");
    };
    std::vector<MarginRow> rows;
    for (const auto& item : json) {
        MarginRow row{item.at("name").get<std::string>(), {}, number(item, "effect"), number(item, "se"),
                      number(item, "z"), number(item, "p")};
        if (item.contains("at_values"))
            for (const auto& [variable, value] : item.at("at_values").items())
                row.at.emplace_back(variable, value.get<double>());
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace gvcpanel::estimators
