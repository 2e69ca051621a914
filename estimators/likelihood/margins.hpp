// Partial effects of binary, count and fractional models on the response mean (a probability or an
// expected count), averaged over the estimation sample, with delta-method standard errors from a
// covariance the caller chose (iid, robust, cluster). As Stata's margins, dydx(*) and
// marginaleffects' avg_slopes: one effect per variable of the formula, the derivative of the whole
// index through every term that contains it (x, x:z, I(x^2), log(x)); a factor's levels are the
// change from every observation at the reference level to every observation at the level (through
// its interactions too). Absorbed fixed effects are held at their estimates. Effects can be
// evaluated with other variables set to given values for every observation (Stata's at()).
#pragma once

#include <armadillo>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "estimators/estimate.hpp"
#include "models/design.hpp"
#include "models/formula.hpp"
#include "models/likelihood.hpp"

namespace gvcpanel::estimators {

// What the effects are computed from besides the fit: the formula's terms on the data the design
// was built from (its sample rows and offset).
struct MarginsInput {
    const models::Formula& formula;
    const data::Frame& frame;
    const data::PanelIndex* panel;  // needed when the terms use l(), f(), d()
    const models::Design& design;   // the design the fit was given
};

// Values at which effects are evaluated: each point sets every one of `variables` (numeric) to its
// value for every observation; the effects are then averaged over the sample as usual. Built by
// parse_margins_at from --margins-at, or directly (a --margins-over range, a plot's grid).
struct MarginsGrid {
    std::vector<std::string> variables;
    std::vector<std::vector<double>> points;  // one value per variable each

    bool empty() const { return points.empty(); }
};

// "z = 0, 0.5, 1", one variable per text (or several separated by ';'): the Cartesian product of
// the variables' values, the first variable varying slowest (Stata's at() order). A malformed text
// or a variable named twice is an Error quoting the text.
MarginsGrid parse_margins_at(const std::vector<std::string>& texts);

struct MarginsOptions {
    MarginsGrid at;                      // empty: the data as observed
    std::vector<std::string> variables;  // the variables to report; empty: every variable of the terms
};

// One effect with its gradient in the fit's coefficients (before any covariance is chosen).
struct PartialEffect {
    std::string name;                                  // the variable, or "var::level"
    std::vector<std::pair<std::string, double>> at;    // the grid point; empty without one
    double value = std::nan("");
    arma::vec gradient;                                // k: d value / d b
};

// One row of the table (--margins); the test statistic is normal.
struct MarginRow {
    std::string name;
    std::vector<std::pair<std::string, double>> at;
    double effect = std::nan("");
    double se = std::nan("");
    double z = std::nan("");
    double p = std::nan("");
};

// Partial effects exist for logit, probit, poisson, negbin, fraclogit and fracprobit; for Tobit and
// the ordered models this is an Error naming them (callers check before fitting).
void require_partial_effects(models::Family family);

// Average effects of every variable of the terms (factor variables: one per level but the
// reference), for each point of options.at in turn. Weighted fits average with their weights.
std::vector<PartialEffect> average_partial_effects(const MarginsInput& input, models::Family family,
                                                   const Estimate& fit, const MarginsOptions& options = {});

// The effects with delta-method standard errors under `vcov` (k x k, Result::vcov_matrix).
std::vector<MarginRow> margin_rows(const std::vector<PartialEffect>& effects, const arma::mat& vcov);

// average_partial_effects then margin_rows.
std::vector<MarginRow> partial_effects(const MarginsInput& input, models::Family family, const Estimate& fit,
                                       const arma::mat& vcov, const MarginsOptions& options = {});

// The "margins" array of the result JSON (docs/mle.md): {"name", "effect", "se", "z", "p", "at",
// "at_values"}; "at" is "average", "at_values" the point's values (only with a grid).
nlohmann::ordered_json margins_to_json(const std::vector<MarginRow>& rows);
std::vector<MarginRow> margins_from_json(const nlohmann::ordered_json& json);

}  // namespace gvcpanel::estimators
