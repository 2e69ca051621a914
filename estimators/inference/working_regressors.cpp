#include "estimators/inference/working_regressors.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::estimators::inference {

bool has_regressors(const Estimate& estimate) {
    return estimate.regressors_apart.has_value() && estimate.residuals.n_elem == estimate.scores.n_rows &&
           estimate.scores.n_cols == estimate.k();
}

arma::mat regressors_of(const Estimate& estimate, const arma::uvec& rows) {
    arma::mat X = estimate.scores.rows(rows);
    const auto& apart = *estimate.regressors_apart;
    for (arma::uword a = 0; a < rows.n_elem; ++a) {
        const auto at = std::lower_bound(apart.rows.begin(), apart.rows.end(), rows(a));
        if (at != apart.rows.end() && *at == rows(a))
            X.row(a) = apart.values.row(static_cast<arma::uword>(at - apart.rows.begin()));
        else
            X.row(a) /= estimate.weights.is_empty() ? estimate.residuals(rows(a))
                                                    : estimate.residuals(rows(a)) * std::sqrt(estimate.weights(rows(a)));
    }
    return X;
}

arma::mat regressors(const Estimate& estimate, const std::string& who) {
    if (!has_regressors(estimate))
        throw Error(who + ": estimator '" + estimate.estimator +
                    "' does not give its regressors and residuals apart; this is defined for unweighted least "
                    "squares (ols, fixed effects)");
    return regressors_of(estimate, arma::regspace<arma::uvec>(0, estimate.scores.n_rows - 1));
}

}  // namespace gvcpanel::estimators::inference
