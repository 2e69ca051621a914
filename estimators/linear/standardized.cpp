// Two-pass (weighted) standard deviations of y and the columns of X; the normalisation (n - 1, or
// the sum of weights) cancels in the ratio sd(x)/sd(y).
#include "estimators/linear/standardized.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::estimators {

namespace {

double spread(const double* x, std::size_t n, const arma::vec& weights) {
    double total = 0, sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double w = weights.is_empty() ? 1.0 : weights[i];
        total += w;
        sum += w * x[i];
    }
    const double mean = sum / total;
    double squares = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double w = weights.is_empty() ? 1.0 : weights[i];
        squares += w * (x[i] - mean) * (x[i] - mean);
    }
    return std::sqrt(squares / total);
}

bool is_linear_on_levels(const std::string& estimator) {
    for (const char* name : {"ols", "2sls", "liml", "gmm", "re", "be"})
        if (estimator == name) return true;
    return false;
}

}  // namespace

DesignSpread design_spread(const models::Design& design) {
    DesignSpread out;
    const std::size_t n = design.nobs();
    out.outcome = spread(design.y.memptr(), n, design.weights);
    out.names = design.names;
    out.columns.set_size(design.X.n_cols);
    for (arma::uword j = 0; j < design.X.n_cols; ++j) out.columns[j] = spread(design.X.colptr(j), n, design.weights);
    return out;
}

void require_standardized(const std::string& estimator) {
    if (is_linear_on_levels(estimator)) return;
    throw Error("--beta: standardised coefficients are offered for the linear estimators on the variables in levels "
                "(ols, 2sls, liml, gmm, re, be), not for --estimator " + estimator +
                (estimator == "fd" || estimator == "diff-gmm" || estimator == "sys-gmm"
                     ? " (fitted on transformed equations)"
                     : " (its coefficients are not in units of the outcome)"));
}

void add_standardized(Result& result, const DesignSpread& spread) {
    for (auto& row : result.coef) {
        if (row.name == "(Intercept)") continue;
        const auto it = std::find(spread.names.begin(), spread.names.end(), row.name);
        if (it == spread.names.end()) continue;
        row.beta = row.estimate * spread.columns[static_cast<arma::uword>(it - spread.names.begin())] / spread.outcome;
    }
}

}  // namespace gvcpanel::estimators
