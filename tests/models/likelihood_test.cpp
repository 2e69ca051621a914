// The likelihood families: the analytic GLM derivatives against automatic differentiation of the
// templated log-likelihood (first derivative, exact) and its central difference (second), the
// templated log-likelihoods against closed forms, and the family names.
#include "models/likelihood.hpp"

#include <ceres/jet.h>
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "support/compare.hpp"

namespace gvcpanel::models {
namespace {

using Jet = ceres::Jet<double, 1>;

// Automatic differentiation is exact to rounding; a central difference of it with h = 1e-5 has
// truncation error ~1e-10 relative.
constexpr double kExactRtol = 1e-12;
constexpr double kDifferenceRtol = 1e-7;

double jet_d1(Family family, double eta, double y) {
    const Jet a[2] = {Jet(0.0), Jet(0.0)};
    return loglik<Jet>(family, Jet(eta, 0), a, Observation{y}).v[0];
}

TEST(Likelihood, AnalyticGlmDerivativesMatchAutomaticDifferentiation) {
    for (Family family : {Family::logit, Family::probit, Family::poisson, Family::fraclogit,
                          Family::fracprobit}) {
        for (double eta : {-6.0, -1.3, 0.0, 0.4, 2.5, 8.0}) {
            for (double y : {0.0, 1.0, 0.3}) {
                if (family == Family::poisson && y == 0.3) y = 4.0;
                const std::string what = std::string(to_string(family)) + " eta=" + std::to_string(eta) +
                                         " y=" + std::to_string(y);
                const IndexDerivatives d = glm_derivatives(family, eta, y);
                const double a[2] = {0, 0};
                EXPECT_CLOSE(what + " l", d.loglik, loglik<double>(family, eta, a, Observation{y}), kExactRtol);
                EXPECT_CLOSE(what + " d1", d.d1, jet_d1(family, eta, y), kExactRtol);
                const double h = 1e-5;
                EXPECT_CLOSE(what + " d2", d.d2,
                             (jet_d1(family, eta + h, y) - jet_d1(family, eta - h, y)) / (2 * h),
                             kDifferenceRtol);
            }
        }
    }
}

TEST(Likelihood, ProbitTailsStayFinite) {
    // Far in the tail Phi underflows; the Mills-ratio series keeps l, d1, d2 finite and exact in
    // the limit d1 -> -eta for y = 1 (Abramowitz and Stegun 26.2.12).
    const IndexDerivatives d = glm_derivatives(Family::probit, -60.0, 1.0);
    EXPECT_TRUE(std::isfinite(d.loglik) && std::isfinite(d.d1) && std::isfinite(d.d2));
    EXPECT_CLOSE("mills", d.d1, 60.0 + 1.0 / 60.0, 1e-6);
}

TEST(Likelihood, ClosedForms) {
    const double none[2] = {0, 0};
    // Negative binomial with alpha = 0.5, mu = exp(0.2), y = 3 (Cameron and Trivedi eq. 3.26).
    const double alpha = 0.5, mu = std::exp(0.2), r = 1 / alpha, y = 3;
    const double nb = std::lgamma(y + r) - std::lgamma(r) - std::lgamma(y + 1) +
                      r * std::log(r / (r + mu)) + y * std::log(mu / (r + mu));
    const double log_alpha[2] = {std::log(alpha), 0};
    EXPECT_CLOSE("negbin", loglik<double>(Family::negbin, 0.2, log_alpha, Observation{y}), nb, kExactRtol);
    // Tobit: uncensored normal density, and the left-censored probability.
    Observation o{1.5};
    o.left = 0;
    const double log_sigma[2] = {std::log(2.0), 0};
    const double z = (1.5 - 0.5) / 2.0;
    EXPECT_CLOSE("tobit density", loglik<double>(Family::tobit, 0.5, log_sigma, o),
                 -0.5 * std::log(2 * std::numbers::pi) - std::log(2.0) - 0.5 * z * z, kExactRtol);
    o.y = -1;
    EXPECT_CLOSE("tobit censored", loglik<double>(Family::tobit, 0.5, log_sigma, o),
                 std::log(0.5 * std::erfc(0.25 / std::sqrt(2.0))), kExactRtol);
    // Ordered logit, middle category between cuts -1 and 2 at eta = 0.5.
    Observation ordered{1.0};
    ordered.category = 1;
    ordered.categories = 3;
    const double cuts[2] = {-1.0, 2.0};
    const auto F = [](double v) { return 1 / (1 + std::exp(-v)); };
    EXPECT_CLOSE("ologit", loglik<double>(Family::ologit, 0.5, cuts, ordered),
                 std::log(F(1.5) - F(-1.5)), kExactRtol);
    EXPECT_CLOSE("poisson", loglik<double>(Family::poisson, 0.0, none, Observation{2.0}),
                 2 * 0.0 - 1.0 - std::log(2.0), kExactRtol);
}

TEST(Likelihood, FamilyNames) {
    for (const auto& name : family_names()) EXPECT_EQ(to_string(family_from_name(name)), name);
    EXPECT_THROW(family_from_name("logti"), Error);
}

}  // namespace
}  // namespace gvcpanel::models
