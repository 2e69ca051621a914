#include "estimators/degenerate_fit.hpp"

#include <cstdio>

#include "data/error.hpp"

namespace gvcpanel::estimators {

namespace {

std::string value_text(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

}  // namespace

void require_outcome_variation(const arma::vec& y, bool absorbs_constant, const std::string& estimator,
                               const std::string& outcome) {
    if (y.n_elem == 0) return;
    for (arma::uword i = 1; i < y.n_elem; ++i)
        if (y(i) != y(0)) return;
    const std::string what = (estimator.empty() ? "" : estimator + ": ") + "the outcome '" + outcome + "' ";
    if (y.n_elem == 1)
        throw Error(what + "has a single observation in the estimation sample: nothing can be estimated from it");
    if (absorbs_constant)
        throw Error(what + "does not vary in the estimation sample (every value is " + value_text(y(0)) +
                    "): there is nothing to explain; check the variable and the --subset");
    if (y(0) == 0.0)
        throw Error(what + "is zero in every observation of the estimation sample: there is nothing to explain");
}

void require_variation_within_effects(const arma::vec& y, const std::vector<models::Grouping>& effects,
                                      const std::string& estimator, const std::string& outcome) {
    for (const auto& effect : effects) {
        if (effect.has_slopes() || effect.codes.size() != y.n_elem) continue;
        std::vector<double> first(static_cast<std::size_t>(effect.levels));
        std::vector<char> seen(static_cast<std::size_t>(effect.levels), 0);
        bool varies = false;
        for (arma::uword i = 0; i < y.n_elem && !varies; ++i) {
            const auto level = static_cast<std::size_t>(effect.codes[i]);
            if (!seen[level]) {
                seen[level] = 1;
                first[level] = y(i);
            } else {
                varies = y(i) != first[level];
            }
        }
        if (!varies)
            throw Error((estimator.empty() ? "" : estimator + ": ") + "the outcome '" + outcome + "' does not vary within the levels of '" + effect.name +
                        "': its fixed effects explain it exactly, so there is nothing left to estimate");
    }
}

bool is_exact_fit(double rss, double tss) { return rss <= kExactFitShare * tss; }

std::string exact_fit_note() {
    return "the model fits the outcome exactly (the residuals are rounding error): standard errors are zero up to "
           "rounding, so t statistics, p-values and tests are not reported";
}

}  // namespace gvcpanel::estimators
