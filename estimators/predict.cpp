// x'b from the design's columns that the fit kept (a column dropped as collinear contributes
// nothing), on the rows of the estimate's sample; then the family's response mean or the sum of the
// fixed effects as the header describes.
#include "estimators/predict.hpp"

#include <algorithm>
#include <map>
#include <numbers>
#include <set>

#include "data/error.hpp"

namespace gvcpanel::estimators {

namespace {

const std::map<std::string, std::string>& refused() {
    static const std::map<std::string, std::string> reasons = {
        {"fd", "the model is fitted in differences, so there is no fitted level"},
        {"diff-gmm", "the model is fitted in transformed equations"},
        {"sys-gmm", "the model is fitted in transformed equations"},
        {"clogit", "the group effects are conditioned out, so there is no response mean"},
        {"nls", "use the fitted function of the formula itself"},
        {"ologit", "an ordered model predicts a probability per category, not one mean"},
        {"oprobit", "an ordered model predicts a probability per category, not one mean"},
    };
    return reasons;
}

// Position in the design of each observation of the estimate (both sorted by frame row).
arma::uvec positions_in_design(const std::vector<std::size_t>& design_rows, const std::vector<std::size_t>& rows) {
    arma::uvec positions(rows.size());
    std::size_t at = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        while (at < design_rows.size() && design_rows[at] < rows[i]) ++at;
        if (at == design_rows.size() || design_rows[at] != rows[i])
            throw Error("predictions: data row " + std::to_string(rows[i] + 1) + " of the fit is not in its design");
        positions[i] = at;
    }
    return positions;
}

arma::vec linear_prediction(const models::Design& design, const Estimate& estimate, const arma::uvec& positions) {
    arma::vec xb(positions.n_elem, arma::fill::zeros);
    for (std::size_t j = 0; j < estimate.names.size(); ++j) {
        const auto column = std::find(design.names.begin(), design.names.end(), estimate.names[j]);
        if (column == design.names.end())
            throw Error("predictions: the coefficient '" + estimate.names[j] + "' has no column in the design");
        const auto c = static_cast<arma::uword>(column - design.names.begin());
        xb += estimate.coef(j) * design.X.unsafe_col(c).elem(positions);
    }
    return xb;
}

double normal_density(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi); }

// E[y] of the Tobit model censored at [left, right] (Stata's predict, ystar(L, R)).
double censored_mean(double index, double sigma, double left, double right) {
    const double a = (left - index) / sigma, b = (right - index) / sigma;
    const double below = std::isfinite(left) ? models::cdf(a, false) : 0.0;
    const double above = std::isfinite(right) ? 1.0 - models::cdf(b, false) : 0.0;
    const double density = (std::isfinite(left) ? normal_density(a) : 0.0) -
                           (std::isfinite(right) ? normal_density(b) : 0.0);
    return (below > 0 ? left * below : 0.0) + (above > 0 ? right * above : 0.0) +
           index * (1.0 - below - above) + sigma * density;
}

double ancillary(const Estimate& estimate, const std::string& name) {
    for (const auto& a : estimate.ancillary)
        if (a.name == name) return a.estimate;
    throw Error("predictions: the fit has no '" + name + "'");
}

}  // namespace

void require_predictions(const std::string& estimator) {
    if (const auto it = refused().find(estimator); it != refused().end())
        throw Error("--save-predictions is not offered for --estimator " + estimator + ": " + it->second);
    static const std::set<std::string> offered = {"ols",     "2sls",    "liml",   "gmm",   "re",        "be",        "logit",
                                                  "probit",  "poisson", "negbin", "tobit", "fraclogit", "fracprobit"};
    if (offered.count(estimator) == 0)
        throw Error("--save-predictions is not offered for --estimator " + estimator +
                    ": it is offered for ols, 2sls, liml, gmm, re, be, logit, probit, poisson, negbin, tobit, "
                    "fraclogit and fracprobit");
}

Predictions predict(const models::Design& design, const Estimate& estimate, const PredictionModel& model) {
    require_predictions(estimate.estimator);
    const arma::uvec positions = positions_in_design(design.sample.rows, estimate.sample.rows);
    const arma::vec y = design.y.elem(positions);
    const arma::vec xb = linear_prediction(design, estimate, positions);
    const bool absorbed = !estimate.sample.fixed_effects.empty();
    Predictions out;
    out.rows = estimate.sample.rows;
    if (!model.family) {
        out.fitted = xb;
        if (absorbed) {
            if (estimate.residuals.n_elem != positions.n_elem)
                throw Error("predictions: the fit of '" + estimate.formula + "' kept no residuals");
            out.fixed_effects = y - xb - estimate.residuals;
            out.fitted += out.fixed_effects;
        }
    } else {
        const arma::vec offset = design.offset.is_empty() ? arma::vec(positions.n_elem, arma::fill::zeros)
                                                          : arma::vec(design.offset.elem(positions));
        if (absorbed) {
            if (estimate.linear_predictor.n_elem != positions.n_elem)
                throw Error("predictions: the fit of '" + estimate.formula + "' kept no fitted index");
            out.linear_index = estimate.linear_predictor;
            out.fixed_effects = out.linear_index - offset - xb;
        } else {
            out.linear_index = xb + offset;
        }
        const models::Family family = *model.family;
        out.fitted.set_size(positions.n_elem);
        const double sigma = family == models::Family::tobit ? ancillary(estimate, "sigma") : 0.0;
        for (arma::uword i = 0; i < positions.n_elem; ++i)
            out.fitted(i) = family == models::Family::tobit
                                ? censored_mean(out.linear_index(i), sigma, model.left, model.right)
                                : models::mean_derivatives(family, out.linear_index(i)).mu;
    }
    out.residual = y - out.fitted;
    return out;
}

}  // namespace gvcpanel::estimators
