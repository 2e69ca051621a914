#include "models/magnitudes.hpp"

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

#include "data/error.hpp"

namespace gvcpanel::models {

namespace {

std::string scientific(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

// The index of the largest |x| of n values (of the first value that is not finite, if any).
std::size_t largest_at(const double* x, std::size_t n) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i])) return i;
        if (std::abs(x[i]) > std::abs(x[at])) at = i;
    }
    return at;
}

// "1e300": the power of ten at the value's scale, to divide by.
std::string power_of_ten(double value) {
    return std::isfinite(value) ? "1e" + std::to_string(static_cast<int>(std::floor(std::log10(std::abs(value)))))
                                : "a large power of ten";
}

// `what` is the subject and its verb ("the outcome 'y' reaches"); `remedy` receives the value.
void check(const double* x, std::size_t n, const std::string& what,
           const std::function<std::string(double)>& remedy) {
    if (n == 0) return;
    const std::size_t at = largest_at(x, n);
    const double value = x[at];
    if (std::abs(value) <= kLargestMagnitude) return;
    throw Error(what + " " + scientific(value) + " (observation " + std::to_string(at + 1) +
                " of the estimation sample): numbers beyond 1e75 in absolute value overflow the cross-products "
                "and variances of double precision, so the fit cannot be computed. " + remedy(value));
}

}  // namespace

void check_magnitudes(const Design& design) {
    const std::size_t n = design.nobs();
    const auto rescale = [](const std::string& name) {
        return [name](double value) {
            return "Rescale it, e.g. I(" + name + " / " + power_of_ten(value) + "): its coefficient is then in those units";
        };
    };
    check(design.y.memptr(), n, "the outcome '" + design.outcome + "' reaches", [](double value) {
        return "Rescale it (divide it by " + power_of_ten(value) + "): the coefficients scale with it";
    });
    for (arma::uword j = 0; j < design.X.n_cols; ++j)
        check(design.X.colptr(j), n, "the regressor '" + design.names[j] + "' reaches", rescale(design.names[j]));
    for (arma::uword j = 0; j < design.instruments.n_cols; ++j)
        check(design.instruments.colptr(j), n, "the instrument '" + design.instrument_names[j] + "' reaches",
              rescale(design.instrument_names[j]));
    if (!design.weights.is_empty())
        check(design.weights.memptr(), n, "the weights reach",
              [](double value) { return "Divide them by " + power_of_ten(value) + " (or another constant)"; });
    if (!design.offset.is_empty())
        check(design.offset.memptr(), n, "the offset reaches",
              [](double) { return std::string("Rescale the variable it is made from"); });
}

}  // namespace gvcpanel::models
