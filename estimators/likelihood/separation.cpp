// Separation checks. The ReLU iteration (Correia, Guimaraes and Zylkin 2021, "Verifying the
// existence of maximum likelihood estimates for generalized linear models", section 3.2) projects
// u onto the admissible directions and replaces u by the positive part of the projection until the
// projection is itself non-negative (those z_i > 0 are separated) or vanishes (none are). For
// counts the equality constraints on y > 0 are imposed exactly by working in the null space of the
// y > 0 rows, so the common case (no null space) costs one k x k eigendecomposition.
#include "estimators/likelihood/separation.hpp"

#include <algorithm>

#include "estimators/linear/weighted_crossproduct.hpp"

namespace gvcpanel::estimators {

namespace {

constexpr double kZero = 1e-9;      // |z| below this (relative to max |z|) counts as zero
constexpr int kMaxReluIterations = 1000;

arma::mat unit_columns(const arma::mat& X) {
    arma::mat scaled = X;
    for (std::size_t j = 0; j < X.n_cols; ++j) {
        const double norm = arma::norm(X.col(j));
        if (norm > 0) scaled.col(j) /= norm;
    }
    return scaled;
}

// Indices where z > 0 once the ReLU iteration on the column space of A has settled; empty when
// the projection vanishes (no separating direction).
std::vector<std::size_t> relu(const arma::mat& A) {
    arma::mat Q, R;
    if (A.n_cols == 0 || !arma::qr_econ(Q, R, A)) return {};
    const double largest = arma::max(arma::abs(R.diag()));
    const arma::uvec independent = arma::find(arma::abs(R.diag()) > 1e-10 * largest);
    Q = Q.cols(independent);
    arma::vec u(A.n_rows, arma::fill::ones);
    for (int iteration = 0; iteration < kMaxReluIterations; ++iteration) {
        arma::vec z = Q * (Q.t() * u);
        const double scale = arma::max(arma::abs(z));
        if (scale < 1e-12) return {};
        z.elem(arma::find(arma::abs(z) < kZero * scale)).zeros();
        if (z.min() >= 0) {
            const arma::uvec positive = arma::find(z > 0);
            return std::vector<std::size_t>(positive.begin(), positive.end());
        }
        u = arma::clamp(z, 0.0, arma::datum::inf);
    }
    return {};
}

}  // namespace

Separation separated_by_regressors(const arma::mat& X, const arma::vec& y,
                                   const std::vector<std::string>& names, int intercept,
                                   bool count) {
    Separation found;
    std::vector<bool> dropped_row(X.n_rows, false), dropped_column(X.n_cols, false);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t j = 0; j < X.n_cols; ++j) {
            if (static_cast<int>(j) == intercept || dropped_column[j]) continue;
            // Outcomes (y > 0 or not) among the kept rows where x_j != 0 and where x_j == 0.
            bool seen[2][2] = {{false, false}, {false, false}};  // [x_j != 0][y > 0]
            std::size_t n_nonzero = 0, n_zero = 0;
            bool negative = false;
            for (std::size_t i = 0; i < X.n_rows; ++i) {
                if (dropped_row[i]) continue;
                const bool on = X(i, j) != 0;
                seen[on][y(i) > 0] = true;
                (on ? n_nonzero : n_zero) += 1;
                negative = negative || X(i, j) < 0;
            }
            if (n_nonzero == 0 || n_zero == 0) continue;
            const bool nonzero_single = seen[1][0] != seen[1][1];
            const bool zero_single = seen[0][0] != seen[0][1];
            std::string which;
            bool on_side = true;
            if (count) {
                if (negative || !nonzero_single || seen[1][1]) continue;
                which = " != 0 predicts y = 0 perfectly";
            } else if (nonzero_single) {
                which = seen[1][0] ? " != 0 predicts failure perfectly"
                                   : " != 0 predicts success perfectly";
            } else if (intercept >= 0 && zero_single) {
                on_side = false;
                which = seen[0][0] ? " == 0 predicts failure perfectly"
                                   : " == 0 predicts success perfectly";
            } else {
                continue;
            }
            std::size_t count_rows = 0;
            for (std::size_t i = 0; i < X.n_rows; ++i)
                if (!dropped_row[i] && (X(i, j) != 0) == on_side) {
                    dropped_row[i] = true;
                    found.observations.push_back(i);
                    ++count_rows;
                }
            dropped_column[j] = true;
            found.regressors.push_back(j);
            found.notes.push_back(names[j] + which + "; " + names[j] + " dropped and " +
                                  std::to_string(count_rows) + " observations not used");
            changed = true;
        }
    }
    std::sort(found.observations.begin(), found.observations.end());
    return found;
}

std::vector<std::size_t> separated_count_observations(const arma::mat& X, const arma::vec& y) {
    return separated_at_bounds(X, arma::conv_to<arma::vec>::from(y <= 0));
}

std::vector<std::size_t> separated_at_bounds(const arma::mat& X, const arma::vec& side) {
    const arma::uvec inside = arma::find(side == 0), bound = arma::find(side != 0);
    if (bound.is_empty() || X.n_cols == 0) return {};
    arma::mat null_space;
    if (inside.is_empty()) {
        null_space = arma::eye(X.n_cols, X.n_cols);
    } else {
        // P'P of the unit-scaled inside rows, from X without copying it: D^-1 X' diag(inside) X D^-1.
        arma::vec norms(X.n_cols);
        for (std::size_t j = 0; j < X.n_cols; ++j) norms(j) = arma::norm(X.col(j));
        norms.elem(arma::find(norms == 0)).ones();
        const arma::mat PtP = weighted_crossproduct(X, arma::conv_to<arma::vec>::from(side == 0)) / (norms * norms.t());
        arma::vec values;
        arma::mat vectors;
        arma::eig_sym(values, vectors, PtP);
        null_space = vectors.cols(arma::find(values < 1e-10 * std::max(values.max(), 1.0)));
    }
    if (null_space.n_cols == 0) return {};
    arma::mat A = unit_columns(X).rows(bound) * null_space;
    A.each_col() %= side.elem(bound);
    const std::vector<std::size_t> local = relu(A);
    std::vector<std::size_t> rows;
    for (std::size_t i : local) rows.push_back(bound(i));
    return rows;
}

Separation separated_at_bounds_by_regressors(const arma::mat& X, const arma::vec& side,
                                             const std::vector<std::string>& names, int intercept,
                                             const std::string& lower_name, const std::string& upper_name) {
    Separation found;
    std::vector<bool> dropped_row(X.n_rows, false), dropped_column(X.n_cols, false);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t j = 0; j < X.n_cols; ++j) {
            if (static_cast<int>(j) == intercept || dropped_column[j]) continue;
            // Among the kept rows where x_j != 0: which sides, which signs of x_j, and whether any
            // row is left where x_j == 0 (else the column is the intercept's business).
            bool at_side[3] = {false, false, false};  // lower, inside, upper
            bool sign[2] = {false, false};             // negative, positive
            std::size_t n_nonzero = 0, n_zero = 0;
            for (std::size_t i = 0; i < X.n_rows; ++i) {
                if (dropped_row[i]) continue;
                if (X(i, j) == 0) {
                    ++n_zero;
                    continue;
                }
                ++n_nonzero;
                at_side[static_cast<int>(side(i)) + 1] = true;
                sign[X(i, j) > 0] = true;
            }
            if (n_nonzero == 0 || n_zero == 0 || at_side[1] || at_side[0] == at_side[2] || sign[0] == sign[1])
                continue;
            std::size_t count_rows = 0;
            for (std::size_t i = 0; i < X.n_rows; ++i)
                if (!dropped_row[i] && X(i, j) != 0) {
                    dropped_row[i] = true;
                    found.observations.push_back(i);
                    ++count_rows;
                }
            dropped_column[j] = true;
            found.regressors.push_back(j);
            found.notes.push_back(names[j] + " != 0 only where the outcome is " +
                                  (at_side[0] ? lower_name : upper_name) + " (its coefficient is not identified); " +
                                  names[j] + " dropped and " + std::to_string(count_rows) + " observations not used");
            changed = true;
        }
    }
    std::sort(found.observations.begin(), found.observations.end());
    return found;
}

std::vector<std::size_t> separated_binary_observations(const arma::mat& X, const arma::vec& y) {
    arma::mat A = unit_columns(X);
    const arma::vec sign = 2.0 * arma::conv_to<arma::vec>::from(y > 0) - 1.0;
    A.each_col() %= sign;
    return relu(A);
}

std::vector<std::size_t> collinear_columns(const arma::mat& X, double tolerance) {
    // Cholesky of X'X column by column, skipping a column whose residual variance given the kept
    // columns before it is below `tolerance` times its own.
    const arma::mat G = X.t() * X;
    const std::size_t k = G.n_rows;
    arma::mat L(k, k, arma::fill::zeros);
    std::vector<std::size_t> kept, collinear;
    for (std::size_t j = 0; j < k; ++j) {
        double residual = G(j, j);
        for (std::size_t l : kept) residual -= L(j, l) * L(j, l);
        if (!(residual > tolerance * G(j, j)) || G(j, j) == 0) {
            collinear.push_back(j);
            continue;
        }
        L(j, j) = std::sqrt(residual);
        for (std::size_t i = j + 1; i < k; ++i) {
            double value = G(i, j);
            for (std::size_t l : kept) value -= L(i, l) * L(j, l);
            L(i, j) = value / L(j, j);
        }
        kept.push_back(j);
    }
    return collinear;
}

}  // namespace gvcpanel::estimators
