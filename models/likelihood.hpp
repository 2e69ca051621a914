// Likelihood families of the nonlinear models: each is its per-observation log-likelihood
// l(eta, a; y), written once for any number type T (double, or the estimators' automatic-
// differentiation type), in the linear index eta = x'beta and the family's local ancillary
// parameters a (Tobit log sigma, negative binomial log alpha, the two cut points around an ordered
// outcome). The GLM families also carry analytic derivatives in eta, which the estimator uses
// because they are much faster than automatic differentiation on 10^6 rows.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

namespace gvcpanel::models {

enum class Family { logit, probit, poisson, negbin, tobit, fraclogit, fracprobit, ologit, oprobit };

// "logit", ... ; an unknown name is an Error listing the accepted ones.
Family family_from_name(std::string_view name);
std::string_view to_string(Family family);
std::vector<std::string> family_names();

bool is_binary(Family family);      // logit, probit: outcome 0/1
bool is_count(Family family);       // poisson, negbin: outcome >= 0
bool is_fractional(Family family);  // fraclogit, fracprobit: outcome in [0, 1]
bool is_ordered(Family family);     // ologit, oprobit: outcome categories, cut points
bool has_logistic_link(Family family);  // logit, fraclogit, ologit (otherwise normal, or log)

// Local ancillary parameters per observation (0, 1 or 2).
int local_ancillary_count(Family family);

// What one observation contributes beyond eta.
struct Observation {
    double y = 0;
    std::int32_t category = 0;   // ordered: 0..J-1, the rank of y among the outcome's values
    std::int32_t categories = 0; // ordered: J
    double left = -INFINITY;     // tobit: censoring limits (y <= left or y >= right is censored)
    double right = INFINITY;
};

// log F(z) for the logistic and standard normal distribution functions, for any T.
template <typename T>
T log_logistic_cdf(const T& z) {
    using std::exp, std::log1p;
    return z > T(0.0) ? -log1p(exp(-z)) : z - log1p(exp(z));
}

template <typename T>
T log_normal_cdf(const T& z) {
    using std::erfc, std::log;
    return log(T(0.5) * erfc(-z * T(std::numbers::sqrt2 / 2)));
}

template <typename T>
T cdf(const T& z, bool logistic) {
    using std::erfc, std::exp;
    return logistic ? T(1.0) / (T(1.0) + exp(-z)) : T(0.5) * erfc(-z * T(std::numbers::sqrt2 / 2));
}

// The per-observation log-likelihood. `a` holds the local ancillary parameters: negbin log alpha;
// tobit log sigma; ordered the cut points below and above the observed category (a slot is unused
// when the category is the lowest or the highest).
template <typename T>
T loglik(Family family, const T& eta, const T* a, const Observation& o) {
    using std::exp, std::log, std::log1p;
    const double y = o.y;
    switch (family) {
        case Family::logit:
        case Family::fraclogit:
            return T(y) * log_logistic_cdf(eta) + T(1.0 - y) * log_logistic_cdf(T(-eta));
        case Family::probit:
        case Family::fracprobit:
            return T(y) * log_normal_cdf(eta) + T(1.0 - y) * log_normal_cdf(T(-eta));
        case Family::poisson:
            return T(y) * eta - exp(eta) - T(std::lgamma(y + 1.0));
        case Family::negbin: {
            // NB2 (Cameron and Trivedi 2013, eq. 3.26) with alpha = exp(a[0]), r = 1/alpha:
            // lgamma(y + r) - lgamma(r) = sum_{j<y} log(r + j) for integer y.
            const T alpha = exp(a[0]);
            const T r = T(1.0) / alpha;
            const T log1p_alpha_mu = log1p(alpha * exp(eta));
            T value = T(-std::lgamma(y + 1.0)) - r * log1p_alpha_mu +
                      T(y) * (a[0] + eta - log1p_alpha_mu);
            for (double j = 0; j < y; ++j) value = value + log(r + T(j));
            return value;
        }
        case Family::tobit: {
            const T sigma = exp(a[0]);
            if (y <= o.left) return log_normal_cdf(T((o.left - eta) / sigma));
            if (y >= o.right) return log_normal_cdf(T((eta - o.right) / sigma));
            const T z = (T(y) - eta) / sigma;
            return T(-0.5 * std::log(2 * std::numbers::pi)) - a[0] - T(0.5) * z * z;
        }
        case Family::ologit:
        case Family::oprobit: {
            const bool logistic = family == Family::ologit;
            const bool lowest = o.category == 0, highest = o.category == o.categories - 1;
            if (lowest && highest) return T(0.0);
            if (lowest) return logistic ? log_logistic_cdf(T(a[1] - eta)) : log_normal_cdf(T(a[1] - eta));
            if (highest) return logistic ? log_logistic_cdf(T(eta - a[0])) : log_normal_cdf(T(eta - a[0]));
            return log(cdf(T(a[1] - eta), logistic) - cdf(T(a[0] - eta), logistic));
        }
    }
    return T(NAN);
}

// Analytic derivatives in eta of the GLM families (logit, probit, poisson and the fractional
// ones): the log-likelihood, its first and second derivative, and the expected-information weight
// (dmu/deta)^2 / V(mu), the weight of R's glm.
struct IndexDerivatives {
    double loglik = 0, d1 = 0, d2 = 0, expected_weight = 0;
};
// `with_constant = false` leaves out glm_loglik_constant, which a caller that evaluates the same
// observations many times adds once.
IndexDerivatives glm_derivatives(Family family, double eta, double y, bool with_constant = true);
// The term of a GLM family's log-likelihood free of eta: Poisson's -log y!, 0 for the others.
double glm_loglik_constant(Family family, double y);

// dmu/deta and d2mu/deta2 of the response mean mu(eta) (probability or count mean), for partial
// effects: logistic, normal or exponential.
struct MeanDerivatives {
    double mu = 0, d1 = 0, d2 = 0;
};
MeanDerivatives mean_derivatives(Family family, double eta);

}  // namespace gvcpanel::models
