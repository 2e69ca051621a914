// The delta method of --nlcom: the exact gradient against central finite differences, the standard
// error against J V J' written out, and the errors for malformed requests.
#include "estimators/inference/delta_method.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::estimators::inference {
namespace {

const std::vector<std::string> kNames = {"a", "b", "c_1", "x.z"};

arma::vec coefficients() { return {0.7, -1.3, 2.1, 0.4}; }

// Central differences with step h: truncation error O(h^2 g''') ~1e-10 and rounding ~1e-16/h ~
// 1e-11 at h = 1e-5 for these smooth expressions of O(1) values, so 1e-6 leaves room.
arma::rowvec finite_difference_gradient(const std::string& text, const arma::vec& b) {
    constexpr double h = 1e-5;
    arma::rowvec gradient(b.n_elem);
    for (arma::uword j = 0; j < b.n_elem; ++j) {
        arma::vec up = b, down = b;
        up(j) += h;
        down(j) -= h;
        gradient(j) = (evaluate_nlcom(text, up, kNames).value - evaluate_nlcom(text, down, kNames).value) / (2 * h);
    }
    return gradient;
}

TEST(DeltaMethod, GradientMatchesFiniteDifferences) {
    const arma::vec b = coefficients();
    for (const std::string text :
         {"g = a * b", "g = a / (a + c_1 * b)", "g = exp(a) * c_1^2 - log(c_1) + sqrt(x.z)",
          "g = a^b + abs(b) - sin(a) * cos(c_1) + tan(x.z) + atan(b)", "g = -a^2 / 3 + pi * x.z",
          "g = c_1^x.z"}) {
        const NonlinearCombination g = evaluate_nlcom(text, b, kNames);
        const arma::rowvec fd = finite_difference_gradient(text, b);
        for (arma::uword j = 0; j < b.n_elem; ++j)
            EXPECT_NEAR(g.gradient(j), fd(j), 1e-6 * std::max(1.0, std::fabs(fd(j)))) << text << " d/d" << kNames[j];
    }
}

TEST(DeltaMethod, ProductOfCoefficientsHasTheTextbookVariance) {
    // Var(ab) = b^2 Var(a) + a^2 Var(b) + 2ab Cov(a, b) (Sobel with the covariance term).
    const arma::vec b = coefficients();
    arma::mat v = {{0.04, 0.01, 0, 0}, {0.01, 0.09, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    const CoefRow row = nlcom_row("ind = a * b", b, v, kNames, std::nan(""), 0.95);
    const double variance = b(1) * b(1) * 0.04 + b(0) * b(0) * 0.09 + 2 * b(0) * b(1) * 0.01;
    EXPECT_EQ(row.name, "ind");
    EXPECT_DOUBLE_EQ(row.estimate, b(0) * b(1));
    EXPECT_NEAR(row.se, std::sqrt(variance), 1e-15);
    EXPECT_NEAR(row.stat, row.estimate / row.se, 1e-15);
    EXPECT_NEAR(row.ci_high - row.estimate, 1.959963984540054 * row.se, 1e-12);  // normal: df NaN
}

// Result names that are not identifiers ([eq]term of a joint fit, functions, the intercept) are
// read as written; a name inside a longer identifier ("x" in "x2") is not.
TEST(DeltaMethod, NamesAsTheResultWritesThem) {
    const std::vector<std::string> names = {"[m]x", "[y]m", "log(k)", "(Intercept)", "x", "x2"};
    const arma::vec b = {0.5, 2.0, 3.0, 7.0, 11.0, 13.0};
    EXPECT_DOUBLE_EQ(evaluate_nlcom("ind = [m]x * [y]m", b, names).value, 1.0);
    EXPECT_DOUBLE_EQ(evaluate_nlcom("r = log(k) / (Intercept) + exp(x2 - x)", b, names).value, 3.0 / 7.0 + std::exp(2.0));
    const NonlinearCombination g = evaluate_nlcom("g = x * x2 + [y]m^2", b, names);
    const arma::rowvec expected = {0.0, 4.0, 0.0, 0.0, 13.0, 11.0};
    EXPECT_EQ(arma::approx_equal(g.gradient, expected, "absdiff", 1e-15), true) << g.gradient;
}

TEST(DeltaMethod, MalformedRequestsAreErrorsNamingTheText) {
    const arma::vec b = coefficients();
    for (const std::string text : {"a * b", "= a * b", "g = ", "g = 2 + 3", "g = a * nope", "g = a * (b"}) {
        try {
            evaluate_nlcom(text, b, kNames);
            FAIL() << "accepted " << text;
        } catch (const Error& error) {
            EXPECT_NE(std::string(error.what()).find("--nlcom '" + text + "'"), std::string::npos) << error.what();
        }
    }
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
