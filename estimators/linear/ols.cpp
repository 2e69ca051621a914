// Least squares (X is n x k, one row per observation). A well-conditioned design goes through the
// Gram matrix with corrected semi-normal equations (estimators/linear/gram_least_squares): two passes over
// X. Any other goes through Householder QR with column pivoting on sqrt(W) X with unit-norm columns
// (Golub and Van Loan 5.3.5), never the normal equations: accuracy then depends on cond(X), not
// cond(X)^2. Exactly collinear columns are found in the Q-coordinates of the columns, dropped in
// order (as R's lm), and the fit is polished by iterative refinement of the augmented system with
// residuals accumulated in long double (Bjorck 1967; Golub and Van Loan 5.3.8), which also removes
// the cond(X)^2 term of large-residual problems.
#include "estimators/linear/ols.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "data/error.hpp"
#include "estimators/degenerate_fit.hpp"
#include "estimators/linear/gram_least_squares.hpp"
#include "estimators/linear/pivoted_qr.hpp"

namespace gvcpanel::estimators {

namespace {

// Refinement steps stop when the correction is below this relative size or after kMaxRefinements.
constexpr double kRefinementTolerance = 1e-15;
constexpr int kMaxRefinements = 4;

void validate(const models::Design& d, const OlsOptions& options) {
    const std::size_t n = d.nobs();
    if (n == 0) throw Error("ols: the estimation sample is empty");
    if (d.X.n_cols == 0) throw Error("ols: the model has no regressors");
    require_outcome_variation(d.y, d.has_intercept || options.absorbed_df > 0, "", d.outcome);
    if (n < d.X.n_cols)
        throw Error(std::to_string(n) + (n == 1 ? " observation" : " observations") + " for " +
                    std::to_string(d.X.n_cols) + " coefficients: the model cannot be estimated; use fewer "
                    "regressors, or more observations (a wider --subset, fewer missing values)");
    if (d.X.n_rows != n)
        throw Error("ols: X has " + std::to_string(d.X.n_rows) + " rows for " + std::to_string(n) + " observations");
    if (d.names.size() != d.X.n_cols)
        throw Error("ols: " + std::to_string(d.names.size()) + " names for " + std::to_string(d.X.n_cols) + " columns");
    if (!d.weights.is_empty()) {
        if (d.weights.n_elem != n)
            throw Error("ols: " + std::to_string(d.weights.n_elem) + " weights for " + std::to_string(n) + " observations");
        for (arma::uword i = 0; i < n; ++i)
            if (!(d.weights(i) > 0.0) || !std::isfinite(d.weights(i)))
                throw Error("ols: weight of observation " + std::to_string(i + 1) + " is " +
                            std::to_string(d.weights(i)) + "; weights must be positive and finite");
    }
}

// sqrt(W) X with columns scaled to unit norm; `scale` receives the norms (1 for a zero column).
arma::mat scaled_design(const arma::mat& X, const arma::vec& sqrt_w, arma::rowvec& scale) {
    arma::mat A = sqrt_w.is_empty() ? X : arma::mat(X.each_col() % sqrt_w);
    scale = arma::sqrt(arma::sum(arma::square(A), 0));
    scale.elem(arma::find(scale == 0.0)).ones();
    A.each_row() /= scale;
    return A;
}

// Which columns to keep: column j (in the user's order) is collinear when the part of it that the
// earlier kept columns leave unexplained has norm below `tolerance` times its own norm. Worked on
// the k x k coordinates R P' of the unit-norm columns, by twice-iterated Gram-Schmidt.
std::vector<arma::uword> independent_columns(const PivotedQr& qr, double tolerance) {
    const arma::mat r = qr.r();
    const arma::uword k = qr.cols();
    arma::mat coordinates(k, k);
    for (arma::uword j = 0; j < k; ++j) coordinates.col(qr.pivot()[j]) = r.col(j);
    std::vector<arma::uword> kept;
    arma::mat basis(k, 0);
    for (arma::uword j = 0; j < k; ++j) {
        arma::vec v = coordinates.col(j);
        const double norm = arma::norm(v);
        for (int pass = 0; pass < 2 && basis.n_cols > 0; ++pass) v -= basis * (basis.t() * v);
        const double rest = arma::norm(v);
        if (norm == 0.0 || rest <= tolerance * norm) continue;
        basis.insert_cols(basis.n_cols, v / rest);
        kept.push_back(j);
    }
    return kept;
}

// X b accumulated in long double, column by column (X is column-major).
std::vector<long double> fitted_values(const arma::mat& X, const arma::vec& b) {
    std::vector<long double> fitted(X.n_rows, 0.0L);
    for (arma::uword j = 0; j < X.n_cols; ++j) {
        const double* column = X.colptr(j);
        const long double bj = b(j);
        for (arma::uword i = 0; i < X.n_rows; ++i) fitted[i] += column[i] * bj;
    }
    return fitted;
}

// y - X b with X b accumulated in long double.
arma::vec residuals_of(const arma::mat& X, const arma::vec& y, const arma::vec& b) {
    const auto fitted = fitted_values(X, b);
    arma::vec e(y.n_elem);
    for (arma::uword i = 0; i < y.n_elem; ++i) e(i) = static_cast<double>(static_cast<long double>(y(i)) - fitted[i]);
    return e;
}

// The rows whose working regressors x*_i = sqrt(w_i) x_i a division s_i / (sqrt(w_i) e_i) of the
// scores would not give back to rounding: a zero residual, or a score w_i x_ij e_i (x_ij != 0) that
// is not a normal double (underflow, overflow). `sqrt_w` empty: unweighted.
UnrecoverableRegressors unrecoverable_regressors(const arma::mat& X, const arma::vec& e, const arma::vec& sqrt_w) {
    const auto scale = [&](arma::uword i) { return sqrt_w.is_empty() ? 1.0 : sqrt_w(i); };
    std::vector<char> lost(X.n_rows, 0);
    for (arma::uword i = 0; i < X.n_rows; ++i) lost[i] = e(i) == 0.0;
    for (arma::uword j = 0; j < X.n_cols; ++j) {
        const double* column = X.colptr(j);
        for (arma::uword i = 0; i < X.n_rows; ++i) {
            const double product = std::abs(column[i] * e(i) * scale(i) * scale(i));
            if (column[i] != 0.0 && !(product >= std::numeric_limits<double>::min() && std::isfinite(product)))
                lost[i] = 1;
        }
    }
    UnrecoverableRegressors kept;
    for (arma::uword i = 0; i < X.n_rows; ++i)
        if (lost[i]) kept.rows.push_back(i);
    kept.values = X.rows(arma::uvec(kept.rows));
    for (arma::uword a = 0; a < kept.values.n_rows; ++a) kept.values.row(a) *= scale(kept.rows[a]);
    return kept;
}

// The pivoted-QR solution; collinear columns leave `design` (X, names) for its dropped list.
LeastSquaresFit qr_least_squares(models::Design& design, const OlsOptions& options) {
    const arma::uword n = design.nobs();
    const bool weighted = !design.weights.is_empty();
    const arma::vec sqrt_w = weighted ? arma::vec(arma::sqrt(design.weights)) : arma::vec();

    arma::rowvec scale;
    auto qr = PivotedQr(scaled_design(design.X, sqrt_w, scale));
    const auto kept = independent_columns(qr, options.collinearity_tolerance);
    if (kept.empty())
        throw Error("ols: every regressor is zero or collinear on the estimation sample; nothing to estimate");
    if (kept.size() < design.X.n_cols) {
        std::vector<std::string> names;
        std::size_t next = 0;
        for (arma::uword j = 0; j < design.X.n_cols; ++j) {
            if (next < kept.size() && kept[next] == j) {
                names.push_back(design.names[j]);
                ++next;
            } else {
                design.sample.dropped.collinear.push_back(design.names[j]);
            }
        }
        design.X = design.X.cols(arma::uvec(kept));
        design.names = std::move(names);
        qr = PivotedQr(scaled_design(design.X, sqrt_w, scale));
    }
    const arma::uword k = design.X.n_cols;
    if (n < k)
        throw Error("ols: " + std::to_string(n) + " observations for " + std::to_string(k) + " coefficients");

    const arma::mat r = qr.r();
    const arma::vec b = weighted ? arma::vec(design.y % sqrt_w) : design.y;
    const auto to_beta = [&](const arma::vec& z) {  // beta = S^-1 P z
        arma::vec beta(k);
        for (arma::uword j = 0; j < k; ++j) beta(qr.pivot()[j]) = z(j) / scale(qr.pivot()[j]);
        return beta;
    };
    // Least squares solution z = R^-1 (Q'b)_1 and residual r = Q (0, (Q'b)_2), then refined.
    arma::vec qtb = qr.apply_qt(b);
    arma::vec z = arma::solve(arma::trimatu(r), qtb.head(k), arma::solve_opts::no_approx);
    qtb.head(k).zeros();
    arma::vec residual = qr.apply_q(qtb);
    for (int step = 0; step < kMaxRefinements; ++step) {
        // Augmented system [I A; A' 0] [r; z] = [b; 0] (Bjorck 1967): its residuals f = b - r - Az
        // and g = -A'r accumulated in long double, the correction solved with the same QR.
        const auto fitted = fitted_values(design.X, to_beta(z));
        arma::vec f(n);
        for (arma::uword i = 0; i < n; ++i) {
            const long double fitted_i = weighted ? fitted[i] * sqrt_w(i) : fitted[i];
            f(i) = static_cast<double>(static_cast<long double>(b(i)) - residual(i) - fitted_i);
        }
        const arma::vec weighted_residual = weighted ? arma::vec(residual % sqrt_w) : residual;
        arma::vec g(k);
        for (arma::uword j = 0; j < k; ++j) {
            const double* column = design.X.colptr(qr.pivot()[j]);
            long double cross = 0.0L;
            for (arma::uword i = 0; i < n; ++i) cross += column[i] * static_cast<long double>(weighted_residual(i));
            g(j) = static_cast<double>(-cross / scale(qr.pivot()[j]));
        }
        const arma::vec h = arma::solve(arma::trimatl(r.t()), g, arma::solve_opts::no_approx);
        arma::vec d = qr.apply_qt(f);
        const arma::vec dz = arma::solve(arma::trimatu(r), arma::vec(d.head(k) - h), arma::solve_opts::no_approx);
        d.head(k) = h;
        z += dz;
        residual += qr.apply_q(d);
        if (arma::norm(dz) <= kRefinementTolerance * arma::norm(z)) break;
    }
    LeastSquaresFit solution;
    solution.coef = to_beta(z);
    solution.residuals = residuals_of(design.X, design.y, solution.coef);

    // (X'WX)^-1 = S^-1 P R^-1 R^-T P' S^-1.
    const arma::mat r_inv = arma::inv(arma::trimatu(r));
    const arma::mat pivoted_bread = r_inv * r_inv.t();
    solution.bread.set_size(k, k);
    for (arma::uword a = 0; a < k; ++a)
        for (arma::uword c = 0; c < k; ++c)
            solution.bread(qr.pivot()[a], qr.pivot()[c]) =
                pivoted_bread(a, c) / (scale(qr.pivot()[a]) * scale(qr.pivot()[c]));
    if (options.leverage) solution.leverage = arma::sum(arma::square(std::move(qr).thin_q()), 1);  // ||row i of Q||^2
    return solution;
}

}  // namespace

Estimate ols(models::Design design, const OlsOptions& options) {
    validate(design, options);
    const arma::uword n = design.nobs();
    const bool weighted = !design.weights.is_empty();
    auto gram = gram_least_squares(design.X, design.y, design.weights, options.leverage);
    LeastSquaresFit solution = gram ? std::move(*gram) : qr_least_squares(design, options);
    const arma::uword k = design.X.n_cols;
    const arma::vec& e = solution.residuals;

    Estimate est;
    est.estimator = "ols";
    est.kind = ModelKind::linear;
    est.formula = design.formula;
    est.outcome = design.outcome;
    est.names = design.names;
    est.coef = std::move(solution.coef);
    est.bread = std::move(solution.bread);
    est.nobs = n;
    est.df_fe = options.absorbed_df;
    est.has_intercept = design.has_intercept;

    // Sums over observations in single passes, without n-long temporaries (10^7 rows are 80 MB each).
    const auto weight = [&](arma::uword i) { return weighted ? design.weights(i) : 1.0; };
    double rss = 0, sum_w = 0, sum_wy = 0;
    for (arma::uword i = 0; i < n; ++i) {
        rss += weight(i) * e(i) * e(i);
        sum_w += weight(i);
        sum_wy += weight(i) * design.y(i);
    }
    const double df_resid = static_cast<double>(n) - static_cast<double>(k) - static_cast<double>(options.absorbed_df);
    est.sigma2 = df_resid > 0 ? rss / df_resid : std::nan("");
    if (df_resid <= 0)
        est.notes.push_back("no residual degrees of freedom (" + std::to_string(n) + " observations, " +
                            std::to_string(k + options.absorbed_df) + " parameters): standard errors are undefined");

    est.leverage = std::move(solution.leverage);

    const double y_mean = design.has_intercept ? sum_wy / sum_w : 0.0;
    double tss = 0;
    for (arma::uword i = 0; i < n; ++i) tss += weight(i) * (design.y(i) - y_mean) * (design.y(i) - y_mean);
    const double r2 = 1.0 - rss / tss;
    est.exact_fit = df_resid > 0 && is_exact_fit(rss, tss);
    const double nd = static_cast<double>(n);
    const double parameters = static_cast<double>(k + options.absorbed_df) + 1.0;  // and sigma^2
    // Gaussian log-likelihood at the MLE of sigma^2 (R's logLik.lm, weights included).
    const double loglik = (weighted ? 0.5 * arma::accu(arma::log(design.weights)) : 0.0) -
                          0.5 * nd * (std::log(2.0 * std::numbers::pi) + 1.0 - std::log(nd) + std::log(rss));
    est.stats["r2"] = r2;
    est.stats["r2_adj"] = 1.0 - (1.0 - r2) * (nd - (design.has_intercept ? 1.0 : 0.0)) / df_resid;
    est.stats["rmse"] = std::sqrt(rss / nd);
    est.stats["df_resid"] = df_resid;
    est.stats["loglik"] = loglik;
    est.stats["aic"] = -2.0 * loglik + 2.0 * parameters;
    est.stats["bic"] = -2.0 * loglik + std::log(nd) * parameters;

    est.regressors_apart = unrecoverable_regressors(design.X, e, weighted ? arma::vec(arma::sqrt(design.weights)) : arma::vec());
    if (weighted) est.weights = design.weights;
    // Scores w_i x_i e_i, in X's memory.
    est.scores = std::move(design.X);
    if (weighted) est.scores.each_col() %= arma::vec(design.weights % e);
    else est.scores.each_col() %= e;
    est.residuals = std::move(solution.residuals);
    est.sample = std::move(design.sample);
    return est;
}

}  // namespace gvcpanel::estimators
