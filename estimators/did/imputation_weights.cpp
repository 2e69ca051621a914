#include "estimators/did/imputation_weights.hpp"

#include <cmath>

#include "data/error.hpp"

namespace gvcpanel::estimators::did {

namespace {

// Sweeps stop when no weight moves by more than this fraction of the largest weight.
constexpr double kTolerance = 1e-13;
constexpr std::size_t kMaxSweeps = 100000;

}  // namespace

arma::mat imputation_weights(const std::vector<models::Grouping>& effects, const arma::mat& X, const arma::vec& weights,
                             const std::vector<char>& untreated, const arma::mat& a) {
    const arma::uword n = a.n_rows, m = a.n_cols;
    const auto w = [&](arma::uword i) { return weights.is_empty() ? 1.0 : weights[i]; };
    // Untreated weight per level, and the covariates centred on the untreated with their sums of squares.
    std::vector<std::vector<double>> untreated_mass;
    for (const auto& effect : effects) {
        std::vector<double> mass(static_cast<std::size_t>(effect.levels), 0.0);
        for (arma::uword i = 0; i < n; ++i)
            if (untreated[i]) mass[static_cast<std::size_t>(effect.codes[i])] += w(i);
        untreated_mass.push_back(std::move(mass));
    }
    arma::mat centred = X;
    arma::vec squares(X.n_cols, arma::fill::zeros);
    for (arma::uword j = 0; j < X.n_cols; ++j) {
        double sum = 0, total = 0;
        for (arma::uword i = 0; i < n; ++i)
            if (untreated[i]) {
                sum += w(i) * X(i, j);
                total += w(i);
            }
        centred.col(j) -= sum / total;
        for (arma::uword i = 0; i < n; ++i)
            if (untreated[i]) squares[j] += w(i) * centred(i, j) * centred(i, j);
    }

    // Estimands in rows and observations in columns, so that each observation's m weights are contiguous.
    arma::mat v = a.t();
    const double scale = arma::abs(a).max();
    arma::mat before;
    for (std::size_t sweep = 0; sweep < kMaxSweeps; ++sweep) {
        before = v;
        for (arma::uword j = 0; j < X.n_cols; ++j) {
            if (!(squares[j] > 0)) continue;
            arma::vec sum(m, arma::fill::zeros);
            for (arma::uword i = 0; i < n; ++i) sum += (w(i) * centred(i, j)) * v.col(i);
            for (arma::uword i = 0; i < n; ++i)
                if (untreated[i]) v.col(i) -= (centred(i, j) / squares[j]) * sum;
        }
        for (std::size_t d = 0; d < effects.size(); ++d) {
            const auto& codes = effects[d].codes;
            arma::mat sum(m, static_cast<arma::uword>(effects[d].levels), arma::fill::zeros);
            for (arma::uword i = 0; i < n; ++i) sum.col(static_cast<arma::uword>(codes[i])) += w(i) * v.col(i);
            for (arma::uword i = 0; i < n; ++i) {
                const double mass = untreated_mass[d][static_cast<std::size_t>(codes[i])];
                if (untreated[i] && mass > 0) v.col(i) -= sum.col(static_cast<arma::uword>(codes[i])) / mass;
            }
        }
        if (arma::abs(v - before).max() <= kTolerance * scale) return v.t();
    }
    throw Error("did-imputation: the weights behind the standard errors did not converge in " +
                std::to_string(kMaxSweeps) + " sweeps (a weakly connected panel?)");
}

}  // namespace gvcpanel::estimators::did
