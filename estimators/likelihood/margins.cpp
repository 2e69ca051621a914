// Partial effects with analytic delta-method gradients: for a numeric regressor the APE is
// mean_i mu'(eta_i) b_j with gradient mean_i mu''(eta_i) x_i b_j + mean_i mu'(eta_i) e_j; a factor
// level's discrete change mean_i [mu(eta_i1) - mu(eta_i0)] has gradient
// mean_i [mu'(eta_i1) x_i1 - mu'(eta_i0) x_i0] (Cameron and Trivedi 2005, 14.3 and 15.6). X is the
// fit's n x k sample; V its k x k covariance.
#include "estimators/likelihood/margins.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <unordered_map>

#include "data/error.hpp"

namespace gvcpanel::estimators {

namespace {

// The fit's observations and columns out of the design it was given.
arma::mat fit_sample(const models::Design& design, const Estimate& fit, arma::vec& offset) {
    std::unordered_map<std::size_t, arma::uword> position;
    for (std::size_t i = 0; i < design.sample.rows.size(); ++i) position[design.sample.rows[i]] = i;
    std::vector<arma::uword> rows, columns;
    for (std::size_t row : fit.sample.rows) {
        const auto it = position.find(row);
        if (it == position.end())
            throw Error("margins: the design does not hold data row " + std::to_string(row + 1) +
                        " of the fit; pass the design the model was fitted on");
        rows.push_back(it->second);
    }
    if (fit.sample.rows.empty())
        for (std::size_t i = 0; i < design.X.n_rows; ++i) rows.push_back(i);
    for (const auto& name : fit.names) {
        const auto it = std::find(design.names.begin(), design.names.end(), name);
        if (it == design.names.end())
            throw Error("margins: the design has no column '" + name + "'");
        columns.push_back(static_cast<arma::uword>(it - design.names.begin()));
    }
    const arma::uvec r(rows), c(columns);
    offset = design.offset.empty() ? arma::vec(r.n_elem, arma::fill::zeros) : arma::vec(design.offset.elem(r));
    return design.X.submat(r, c);
}

struct Effect {
    double value = 0;
    arma::vec gradient;
};

// What the numeric regressors' average effects share: mean_i mu'(eta_i) and mean_i mu''(eta_i) x_i.
struct SampleDerivatives {
    double mean_d1 = 0;
    arma::vec mean_d2_x;
};

SampleDerivatives sample_derivatives(models::Family family, const arma::mat& X, const arma::vec& eta) {
    arma::vec d1(X.n_rows), d2(X.n_rows);
    for (arma::uword i = 0; i < X.n_rows; ++i) {
        const auto m = models::mean_derivatives(family, eta(i));
        d1(i) = m.d1;
        d2(i) = m.d2;
    }
    return {arma::mean(d1), X.t() * d2 / static_cast<double>(X.n_rows)};
}

Effect average_effect(models::Family family, const arma::mat& X, const arma::vec& eta,
                      const SampleDerivatives& shared, const arma::vec& b, std::size_t j,
                      bool discrete) {
    const double n = static_cast<double>(X.n_rows);
    Effect e;
    if (!discrete) {
        e.value = shared.mean_d1 * b(j);
        e.gradient = shared.mean_d2_x * b(j);
        e.gradient(j) += shared.mean_d1;
        return e;
    }
    // Column j is 1 in x_i1 and 0 in x_i0: its gradient entry is mean_i mu'(eta_i1) alone.
    arma::vec change(X.n_rows), d1_at_one(X.n_rows);
    double value = 0;
    for (arma::uword i = 0; i < X.n_rows; ++i) {
        const double eta1 = eta(i) + (1.0 - X(i, j)) * b(j), eta0 = eta(i) - X(i, j) * b(j);
        const auto m1 = models::mean_derivatives(family, eta1), m0 = models::mean_derivatives(family, eta0);
        value += m1.mu - m0.mu;
        change(i) = m1.d1 - m0.d1;
        d1_at_one(i) = m1.d1;
    }
    e.value = value / n;
    e.gradient = X.t() * change / n;
    e.gradient(j) = arma::mean(d1_at_one);
    return e;
}

Effect effect_at_means(models::Family family, const arma::vec& x, double offset,
                       const arma::vec& b, std::size_t j, bool discrete) {
    Effect e;
    if (!discrete) {
        const auto m = models::mean_derivatives(family, arma::dot(x, b) + offset);
        e.value = m.d1 * b(j);
        e.gradient = m.d2 * b(j) * x;
        e.gradient(j) += m.d1;
        return e;
    }
    arma::vec x1 = x, x0 = x;
    x1(j) = 1.0;
    x0(j) = 0.0;
    const auto m1 = models::mean_derivatives(family, arma::dot(x1, b) + offset);
    const auto m0 = models::mean_derivatives(family, arma::dot(x0, b) + offset);
    e.value = m1.mu - m0.mu;
    e.gradient = m1.d1 * x1 - m0.d1 * x0;
    return e;
}

}  // namespace

void require_partial_effects(models::Family family) {
    if (family == models::Family::tobit || models::is_ordered(family))
        throw Error("margins: partial effects are available for logit, probit, poisson, negbin, "
                    "fraclogit and fracprobit (not " + std::string(models::to_string(family)) + ")");
}

std::vector<MarginRow> partial_effects(const models::Design& design, models::Family family,
                                       const Estimate& fit, const arma::mat& vcov,
                                       const MarginsOptions& options) {
    require_partial_effects(family);
    if (vcov.n_rows != fit.k() || vcov.n_cols != fit.k())
        throw Error("margins: the covariance is " + std::to_string(vcov.n_rows) + " x " +
                    std::to_string(vcov.n_cols) + " for " + std::to_string(fit.k()) + " coefficients");
    arma::vec offset;
    const arma::mat X = fit_sample(design, fit, offset);
    const arma::vec eta = X * fit.coef + offset;
    const arma::vec means = arma::mean(X, 0).t();
    const SampleDerivatives shared =
        options.at == MarginsAt::average ? sample_derivatives(family, X, eta) : SampleDerivatives{};
    std::vector<MarginRow> rows;
    for (std::size_t j = 0; j < fit.k(); ++j) {
        if (fit.names[j] == "(Intercept)") continue;
        const bool discrete = fit.names[j].find("::") != std::string::npos;
        const Effect e = options.at == MarginsAt::average
                             ? average_effect(family, X, eta, shared, fit.coef, j, discrete)
                             : effect_at_means(family, means, arma::mean(offset), fit.coef, j, discrete);
        MarginRow row;
        row.name = fit.names[j];
        row.effect = e.value;
        row.se = std::sqrt(arma::as_scalar(e.gradient.t() * vcov * e.gradient));
        row.z = row.effect / row.se;
        row.p = 2 * boost::math::cdf(boost::math::normal(), -std::fabs(row.z));
        rows.push_back(row);
    }
    return rows;
}

nlohmann::ordered_json margins_to_json(const std::vector<MarginRow>& rows, MarginsAt at) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    const auto number = [](double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nullptr; };
    for (const auto& row : rows)
        out.push_back({{"name", row.name}, {"effect", number(row.effect)}, {"se", number(row.se)},
                       {"z", number(row.z)}, {"p", number(row.p)},
                       {"at", at == MarginsAt::average ? "average" : "means"}});
    return out;
}

std::vector<MarginRow> margins_from_json(const nlohmann::ordered_json& json, MarginsAt& at) {
    const auto number = [](const nlohmann::ordered_json& row, const char* key) {
        return row.contains(key) && row.at(key).is_number() ? row.at(key).get<double>() : std::nan("");
    };
    std::vector<MarginRow> rows;
    at = MarginsAt::average;
    for (const auto& row : json) {
        rows.push_back({row.at("name").get<std::string>(), number(row, "effect"), number(row, "se"),
                        number(row, "z"), number(row, "p")});
        at = row.value("at", "average") == "means" ? MarginsAt::means : MarginsAt::average;
    }
    return rows;
}

}  // namespace gvcpanel::estimators
