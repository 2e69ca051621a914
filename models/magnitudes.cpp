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

// What brings `value` to the scale of 1: "/ 1e300" for 1.2e300, "* 1e300" for 1.2e-300.
std::string rescaling(double value) {
    if (!std::isfinite(value)) return "/ a large power of ten";
    const int exponent = static_cast<int>(std::floor(std::log10(std::abs(value))));
    return (exponent >= 0 ? "/ 1e" : "* 1e") + std::to_string(std::abs(exponent));
}

// `what` is the subject and its verb ("the outcome 'y' reaches"); `remedy` receives the rescaling
// ("/ 1e300"). `refuse_tiny`: a column all below kSmallestMagnitude (not all zero) is refused too.
void check(const double* x, std::size_t n, const std::string& what, bool refuse_tiny,
           const std::function<std::string(const std::string&)>& remedy) {
    if (n == 0) return;
    const std::size_t at = largest_at(x, n);
    const double value = x[at], magnitude = std::abs(value);
    const std::string where = " (observation " + std::to_string(at + 1) + " of the estimation sample)";
    if (magnitude > kLargestMagnitude)
        throw Error(what + " " + scientific(value) + where +
                    ": numbers beyond 1e75 in absolute value overflow the cross-products and variances of double "
                    "precision, so the fit cannot be computed. " + remedy(rescaling(value)));
    if (refuse_tiny && magnitude > 0 && magnitude < kSmallestMagnitude)
        throw Error(what + " at most " + scientific(value) + " in absolute value" + where +
                    ": numbers that all stay below 1e-75 underflow the cross-products and variances of double "
                    "precision (the column would look collinear, its standard errors zero), so the fit cannot be "
                    "computed. " + remedy(rescaling(value)));
}

}  // namespace

void check_magnitudes(const Design& design) {
    const std::size_t n = design.nobs();
    const auto rescale = [](const std::string& name) {
        return [name](const std::string& by) {
            return "Rescale it, e.g. I(" + name + " " + by + "): its coefficient is then in those units";
        };
    };
    const std::string& outcome = design.outcome;
    check(design.y.memptr(), n, "the outcome '" + outcome + "' reaches", true, [&outcome](const std::string& by) {
        return "Rescale it, e.g. I(" + outcome + " " + by + "): the coefficients scale with it";
    });
    for (arma::uword j = 0; j < design.X.n_cols; ++j)
        check(design.X.colptr(j), n, "the regressor '" + design.names[j] + "' reaches", true, rescale(design.names[j]));
    for (arma::uword j = 0; j < design.instruments.n_cols; ++j)
        check(design.instruments.colptr(j), n, "the instrument '" + design.instrument_names[j] + "' reaches", true,
              rescale(design.instrument_names[j]));
    if (!design.weights.is_empty())
        check(design.weights.memptr(), n, "the weights reach", true,
              [](const std::string& by) { return "Rescale them (weights " + by + ", or another constant factor)"; });
    if (!design.offset.is_empty())
        check(design.offset.memptr(), n, "the offset reaches", false,
              [](const std::string&) { return std::string("Rescale the variable it is made from"); });
}

}  // namespace gvcpanel::models
