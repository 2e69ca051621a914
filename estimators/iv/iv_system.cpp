// Builds the IV system: the fixed effects are demeaned out of y, X and the excluded instruments
// (estimators/fixed_effects/demean, weighted), exogenous regressors the effects absorb are dropped, and the rows
// are scaled by sqrt(w_i). X is n x k, Z is n x L, one row per observation.
#include "estimators/iv/iv_system.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "data/error.hpp"
#include "estimators/degenerate_fit.hpp"
#include "estimators/fixed_effects/fe_dof.hpp"

namespace gvcpanel::estimators {

void IvOptions::validate() const {
    demean.validate();
    if (!(collinearity_tolerance > 0 && collinearity_tolerance < 1)) {
        std::ostringstream message;
        message << "IV options: collinearity_tolerance = " << collinearity_tolerance
                << " must lie strictly between 0 and 1";
        throw Error(message.str());
    }
}

namespace {

double weighted_norm(const arma::vec& v, const arma::vec& w) {
    return std::sqrt(w.is_empty() ? arma::dot(v, v) : arma::dot(w, arma::square(v)));
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "'" : ", '") + name + "'";
    return text;
}

}  // namespace

IvSystem iv_system(models::Design& design, const IvOptions& options, const std::string& caller) {
    options.validate();
    const std::size_t n = design.nobs();
    if (design.endogenous.empty())
        throw Error(caller + ": the model '" + design.formula +
                    "' has no IV part (write it as 'y ~ exog | endogenous ~ instruments')");
    if (design.X.n_rows != n || design.instruments.n_rows != n ||
        design.names.size() != design.X.n_cols ||
        design.instrument_names.size() != design.instruments.n_cols ||
        (!design.weights.is_empty() && design.weights.n_elem != n)) {
        std::ostringstream message;
        message << caller << ": inconsistent design (" << n << " outcomes, X " << design.X.n_rows << " x "
                << design.X.n_cols << ", instruments " << design.instruments.n_rows << " x "
                << design.instruments.n_cols << ")";
        throw Error(message.str());
    }
    if (design.instruments.n_cols < design.endogenous.size()) {
        std::ostringstream message;
        message << caller << ": " << design.endogenous.size() << " endogenous regressors ("
                << joined(design.endogenous) << ") but only " << design.instruments.n_cols
                << " excluded instruments (" << joined(design.instrument_names)
                << "): the model is not identified";
        throw Error(message.str());
    }

    const arma::vec& w = design.weights;
    IvSystem system;
    system.has_intercept = design.has_intercept;
    const auto& effects = design.sample.fixed_effects;
    require_outcome_variation(design.y, design.has_intercept || !effects.empty(), caller, design.outcome);
    require_variation_within_effects(design.y, effects, caller, design.outcome);
    if (!effects.empty()) {
        const auto intercept = std::find(design.names.begin(), design.names.end(), "(Intercept)");
        if (intercept != design.names.end()) {
            design.X.shed_col(static_cast<arma::uword>(intercept - design.names.begin()));
            design.names.erase(intercept);
        }
        system.has_intercept = false;
        system.df_fe = fixed_effects_dof(effects).absorbed;
        system.y_levels = design.y;

        std::vector<double> before;
        std::vector<double*> columns{design.y.memptr()};
        std::vector<std::string> names{design.outcome};
        for (arma::uword j = 0; j < design.X.n_cols; ++j) {
            before.push_back(weighted_norm(design.X.col(j), w));
            columns.push_back(design.X.colptr(j));
            names.push_back(design.names[j]);
        }
        for (arma::uword j = 0; j < design.instruments.n_cols; ++j) {
            before.push_back(weighted_norm(design.instruments.col(j), w));
            columns.push_back(design.instruments.colptr(j));
            names.push_back(design.instrument_names[j]);
        }
        const DemeanSummary summary =
            demean_design_columns(options.demeaned_store, design.sample, names, columns, n, w, options.demean);
        system.demean_iterations = summary.iterations;
        system.converged = summary.converged;
        system.message = summary.message;

        std::vector<std::string> absorbed_endogenous, absorbed_instruments;
        for (arma::uword j = design.X.n_cols; j-- > 0;) {
            if (weighted_norm(design.X.col(j), w) > options.collinearity_tolerance * before[j]) continue;
            const std::string name = design.names[j];
            if (std::find(design.endogenous.begin(), design.endogenous.end(), name) != design.endogenous.end()) {
                absorbed_endogenous.push_back(name);
                continue;
            }
            design.sample.dropped.collinear.push_back(name);
            design.X.shed_col(j);
            design.names.erase(design.names.begin() + static_cast<std::ptrdiff_t>(j));
        }
        const std::size_t k_before = before.size() - design.instruments.n_cols;
        for (arma::uword j = 0; j < design.instruments.n_cols; ++j)
            if (weighted_norm(design.instruments.col(j), w) <=
                options.collinearity_tolerance * before[k_before + j])
                absorbed_instruments.push_back(design.instrument_names[j]);
        if (!absorbed_endogenous.empty() || !absorbed_instruments.empty())
            throw Error(caller + ": " + joined(absorbed_endogenous) +
                        (absorbed_endogenous.empty() || absorbed_instruments.empty() ? "" : " and ") +
                        joined(absorbed_instruments) +
                        " are constant within the fixed effects of '" + design.formula +
                        "': the effects absorb them; leave them out or drop a fixed effect");
    } else {
        system.y_levels = design.y;
    }

    std::vector<arma::uword> endogenous, exogenous;
    for (arma::uword j = 0; j < design.X.n_cols; ++j) {
        const bool is_endogenous = std::find(design.endogenous.begin(), design.endogenous.end(),
                                             design.names[j]) != design.endogenous.end();
        (is_endogenous ? endogenous : exogenous).push_back(j);
    }
    system.endogenous = arma::uvec(endogenous);
    system.exogenous = arma::uvec(exogenous);
    system.names = design.names;
    system.excluded_names = design.instrument_names;
    system.y = std::move(design.y);
    system.X = std::move(design.X);
    system.Z = arma::join_rows(system.X.cols(system.exogenous), design.instruments);
    if (!w.is_empty()) {
        system.sqrt_weights = arma::sqrt(w);
        system.y %= system.sqrt_weights;
        system.X.each_col() %= system.sqrt_weights;
        system.Z.each_col() %= system.sqrt_weights;
    }
    return system;
}

}  // namespace gvcpanel::estimators
