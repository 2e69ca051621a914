// Family names and the analytic index derivatives of the GLM families. The normal tail uses the
// inverse Mills ratio phi(z)/Phi(z) from erfc while Phi(z) is representable and its asymptotic
// series (Abramowitz and Stegun 26.2.12) below z = -37, so probit never returns inf/inf.
#include "models/likelihood.hpp"

#include <algorithm>
#include <array>

#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::models {

namespace {

constexpr std::array<std::pair<Family, std::string_view>, 9> kNames = {{
    {Family::logit, "logit"}, {Family::probit, "probit"}, {Family::poisson, "poisson"},
    {Family::negbin, "negbin"}, {Family::tobit, "tobit"}, {Family::fraclogit, "fraclogit"},
    {Family::fracprobit, "fracprobit"}, {Family::ologit, "ologit"}, {Family::oprobit, "oprobit"},
}};

constexpr double kNormalTail = -37.0;  // below this Phi(z) underflows relative precision

double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi); }

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

// phi(z) / Phi(z).
double mills(double z) {
    if (z > kNormalTail) return normal_pdf(z) / normal_cdf(z);
    const double w = 1.0 / (z * z);
    return -z / (1.0 - w + 3.0 * w * w - 15.0 * w * w * w);
}

double log_normal_cdf_stable(double z) {
    if (z > kNormalTail) return std::log(normal_cdf(z));
    const double w = 1.0 / (z * z);
    return -0.5 * z * z - std::log(-z) - 0.5 * std::log(2 * std::numbers::pi) +
           std::log(1.0 - w + 3.0 * w * w - 15.0 * w * w * w);
}

}  // namespace

Family family_from_name(std::string_view name) {
    for (const auto& [family, text] : kNames)
        if (text == name) return family;
    throw Error("unknown likelihood model '" + std::string(name) + "'" +
                data::did_you_mean(name, family_names()) +
                " (accepted: logit, probit, poisson, negbin, tobit, fraclogit, fracprobit, "
                "ologit, oprobit)");
}

std::string_view to_string(Family family) {
    for (const auto& [f, text] : kNames)
        if (f == family) return text;
    return "?";
}

std::vector<std::string> family_names() {
    std::vector<std::string> names;
    for (const auto& entry : kNames) names.emplace_back(entry.second);
    return names;
}

bool is_binary(Family f) { return f == Family::logit || f == Family::probit; }
bool is_count(Family f) { return f == Family::poisson || f == Family::negbin; }
bool is_fractional(Family f) { return f == Family::fraclogit || f == Family::fracprobit; }
bool is_ordered(Family f) { return f == Family::ologit || f == Family::oprobit; }
bool has_logistic_link(Family f) {
    return f == Family::logit || f == Family::fraclogit || f == Family::ologit;
}

int local_ancillary_count(Family f) {
    if (f == Family::negbin || f == Family::tobit) return 1;
    if (is_ordered(f)) return 2;
    return 0;
}

double glm_loglik_constant(Family family, double y) {
    return family == Family::poisson ? -std::lgamma(y + 1.0) : 0.0;
}

IndexDerivatives glm_derivatives(Family family, double eta, double y, bool with_constant) {
    IndexDerivatives d;
    switch (family) {
        case Family::logit:
        case Family::fraclogit: {
            // One exp and one log1p: with e = exp(-|eta|), log F(|eta|) = -log1p(e) and
            // log F(-|eta|) = -|eta| - log1p(e) (log_logistic_cdf's stable branches).
            const double e = std::exp(-std::fabs(eta)), log1p_e = std::log1p(e);
            const double p = eta > 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            const double log_f = eta > 0 ? -log1p_e : eta - log1p_e;
            const double log_f_minus = eta > 0 ? -eta - log1p_e : -log1p_e;
            d.loglik = y * log_f + (1.0 - y) * log_f_minus;
            d.d1 = y - p;
            d.d2 = -p * (1.0 - p);
            d.expected_weight = p * (1.0 - p);
            return d;
        }
        case Family::probit:
        case Family::fracprobit: {
            // d/deta log Phi(eta) = m(eta), d2 = -m(eta) (eta + m(eta)), m the Mills ratio.
            const double m1 = mills(eta), m0 = mills(-eta);
            d.loglik = y * log_normal_cdf_stable(eta) + (1.0 - y) * log_normal_cdf_stable(-eta);
            d.d1 = y * m1 - (1.0 - y) * m0;
            d.d2 = -y * m1 * (eta + m1) - (1.0 - y) * m0 * (m0 - eta);
            // phi^2 / (Phi (1 - Phi)) = m(eta) m(-eta).
            d.expected_weight = m1 * m0;
            return d;
        }
        case Family::poisson: {
            const double mu = std::exp(eta);
            d.loglik = y * eta - mu + (with_constant ? glm_loglik_constant(family, y) : 0.0);
            d.d1 = y - mu;
            d.d2 = -mu;
            d.expected_weight = mu;
            return d;
        }
        default:
            throw Error("internal: no analytic index derivatives for " +
                        std::string(to_string(family)));
    }
}

MeanDerivatives mean_derivatives(Family family, double eta) {
    MeanDerivatives m;
    if (is_count(family)) {
        m.mu = m.d1 = m.d2 = std::exp(eta);
    } else if (has_logistic_link(family)) {
        m.mu = 1.0 / (1.0 + std::exp(-eta));
        m.d1 = m.mu * (1.0 - m.mu);
        m.d2 = m.d1 * (1.0 - 2.0 * m.mu);
    } else {
        m.mu = normal_cdf(eta);
        m.d1 = normal_pdf(eta);
        m.d2 = -eta * m.d1;
    }
    return m;
}

}  // namespace gvcpanel::models
