// The ReLU iteration with fixed effects: u starts at 1 on the zeros and 0 on the positives; each
// step regresses u on X and the fixed effects with weight kPositiveWeight on the positives (which
// pins the fit there to 0) and 1 on the zeros, and replaces u on the zeros by the positive part
// of the fit. It stops when the fit is non-negative on the zeros (a certificate: the zeros with
// a positive fit are separated) or when u vanishes (none are). X is demeaned once, since the
// weights never change; each step demeans only u (n x 1): on 10^6 rows with firm and year effects
// the check takes about two IRLS steps (docs/glm_hdfe.md).
#include "estimators/regressor_separation.hpp"

#include "estimators/demean.hpp"

namespace gvcpanel::estimators {

namespace {

// The weight of the y > 0 rows: large enough that the fit there is 0 to ~1e-6 of the fit's scale.
constexpr double kPositiveWeight = 1e6;
// Fitted values below this share of max(u) count as zero (well above the ~1e-6 the weights leave,
// far below the O(1) values of separated rows).
constexpr double kZeroShare = 1e-4;
// u below this everywhere (it starts at 1): no separating direction.
constexpr double kVanished = 1e-8;

}  // namespace

std::vector<std::size_t> separated_zeros_with_fe(const arma::mat& X, const arma::vec& y,
                                                 const std::vector<models::Grouping>& effects,
                                                 const RegressorSeparationOptions& options) {
    const arma::uvec zeros = arma::find(y == 0);
    if (zeros.is_empty() || zeros.n_elem == y.n_elem) return {};
    const std::size_t n = y.n_elem;
    arma::vec weight(n, arma::fill::value(kPositiveWeight));
    weight.elem(zeros).ones();
    DemeanOptions demean_options;
    demean_options.threads = options.threads;

    arma::mat X_within = X;
    if (!effects.empty()) demean(X_within, effects, weight, demean_options);
    const arma::mat XtW = (X_within.each_col() % weight).t();
    const arma::mat gram_inverse = arma::pinv(XtW * X_within);

    arma::vec u(n, arma::fill::zeros);
    u.elem(zeros).ones();
    for (std::size_t step = 0; step < options.max_iterations; ++step) {
        arma::vec residual = u;
        if (!effects.empty()) demean(std::vector<double*>{residual.memptr()}, n, effects, weight, demean_options);
        if (X.n_cols > 0) residual -= X_within * (gram_inverse * (XtW * residual));
        arma::vec fit = (u - residual).eval().elem(zeros);
        const double scale = u.max();
        fit.elem(arma::find(arma::abs(fit) < kZeroShare * scale)).zeros();
        if (fit.min() >= 0) {
            std::vector<std::size_t> separated;
            for (arma::uword i = 0; i < zeros.n_elem; ++i)
                if (fit[i] > 0) separated.push_back(zeros[i]);
            return separated;
        }
        u.zeros();
        u.elem(zeros) = arma::clamp(fit, 0.0, arma::datum::inf);
        if (u.max() < kVanished) return {};
    }
    return {};
}

}  // namespace gvcpanel::estimators
