// Each level's regressors are centred at the level's weighted means when the level has its own
// intercept, so that the Gram is block diagonal and well conditioned (a slope on year, around
// 2000, would otherwise lose six digits); the span, hence the projection, is unchanged. The Gram is
// inverted by the sweep operator (Goodnight 1979, "A tutorial on the SWEEP operator"), which skips
// the pivots of unidentified coefficients and so gives the generalised inverse that sets them to
// zero, as lm and fixest drop collinear columns; the fitted values do not depend on this choice.
#include "estimators/fixed_effects/slope_basis.hpp"

#include <sstream>

#include "data/error.hpp"

namespace gvcpanel::estimators {

namespace {

// Inverts the leading pivots of the symmetric c x c matrix `a` in place; returns the count skipped.
std::size_t sweep_inverse(double* a, std::size_t c, const double* reference) {
    std::vector<char> swept(c, 0);
    std::size_t skipped = 0;
    for (std::size_t k = 0; k < c; ++k) {
        const double d = a[k * c + k];
        if (!(d > kSlopeSingularTolerance * reference[k])) {
            ++skipped;
            continue;
        }
        swept[k] = 1;
        for (std::size_t i = 0; i < c; ++i) {
            if (i == k) continue;
            for (std::size_t j = 0; j < c; ++j)
                if (j != k) a[i * c + j] -= a[i * c + k] * a[k * c + j] / d;
        }
        for (std::size_t i = 0; i < c; ++i) {
            if (i == k) continue;
            a[i * c + k] /= d;
            a[k * c + i] /= d;
        }
        a[k * c + k] = -1.0 / d;
    }
    // After sweeping the set S, a[S, S] = -inverse(Gram[S, S]).
    for (std::size_t i = 0; i < c; ++i)
        for (std::size_t j = 0; j < c; ++j)
            a[i * c + j] = swept[i] && swept[j] ? -a[i * c + j] : 0.0;
    return skipped;
}

}  // namespace

SlopeBasis slope_basis(const models::Grouping& grouping, const arma::vec& weights) {
    const std::size_t n = grouping.codes.size();
    const arma::mat& x = grouping.slopes.values;
    const std::size_t k = x.n_cols;
    if (x.n_rows != n || k == 0) {
        std::ostringstream message;
        message << "fixed effect '" << grouping.name << "': " << x.n_rows << " x " << k
                << " slope values for " << n << " observations";
        throw Error(message.str());
    }
    const bool intercept = grouping.slopes.with_intercept;
    const std::size_t levels = static_cast<std::size_t>(grouping.levels);
    const std::size_t c = k + (intercept ? 1 : 0);
    const std::size_t first_slope = intercept ? 1 : 0;
    const auto weight = [&](std::size_t i) { return weights.is_empty() ? 1.0 : weights[i]; };

    // Per level: the total weight, the weighted sums of x (for the means) and of x^2 (the scale).
    std::vector<double> total(levels, 0.0), sum_x(levels * k, 0.0), raw_square(levels * k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto l = static_cast<std::size_t>(grouping.codes[i]);
        total[l] += weight(i);
        for (std::size_t v = 0; v < k; ++v) {
            sum_x[l * k + v] += weight(i) * x(i, v);
            raw_square[l * k + v] += weight(i) * x(i, v) * x(i, v);
        }
    }

    SlopeBasis out;
    out.per_level = c;
    out.basis.resize(n * c);
    for (std::size_t i = 0; i < n; ++i) {
        const auto l = static_cast<std::size_t>(grouping.codes[i]);
        double* z = out.basis.data() + i * c;
        if (intercept) z[0] = 1.0;
        for (std::size_t v = 0; v < k; ++v)
            z[first_slope + v] = intercept && total[l] > 0 ? x(i, v) - sum_x[l * k + v] / total[l] : x(i, v);
    }
    out.inverse.assign(levels * c * c, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double* z = out.basis.data() + i * c;
        double* gram = out.inverse.data() + static_cast<std::size_t>(grouping.codes[i]) * c * c;
        for (std::size_t a = 0; a < c; ++a)
            for (std::size_t b = 0; b < c; ++b) gram[a * c + b] += weight(i) * z[a] * z[b];
    }
    std::vector<double> reference(c);
    for (std::size_t l = 0; l < levels; ++l) {
        if (intercept) reference[0] = total[l];
        for (std::size_t v = 0; v < k; ++v) reference[first_slope + v] = raw_square[l * k + v];
        const std::size_t skipped = sweep_inverse(out.inverse.data() + l * c * c, c, reference.data());
        if (total[l] > 0) out.singular += skipped;
    }
    return out;
}

}  // namespace gvcpanel::estimators
