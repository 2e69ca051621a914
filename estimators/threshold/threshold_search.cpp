#include "estimators/threshold/threshold_search.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "data/error.hpp"

namespace gvcpanel::estimators::threshold {

namespace {

// A column of a block counts as collinear when its norm after projection on the others falls below
// this fraction of its norm (the within estimator's rule).
constexpr double kCollinear = 1e-7;

// An orthonormal basis of the columns of A orthogonal to Q ("twice is enough": Gram-Schmidt repeated),
// or an Error naming `what` when A is collinear with Q or within itself.
arma::mat orthonormal_complement(const arma::mat& Q, const arma::mat& A, const std::string& what) {
    arma::mat B = A;
    for (int pass = 0; pass < 2 && Q.n_cols > 0; ++pass) B -= Q * (Q.t() * B);
    arma::mat basis, R;
    if (!arma::qr_econ(basis, R, B)) throw Error("threshold: the QR decomposition of " + what + " failed");
    for (std::size_t j = 0; j < A.n_cols; ++j)
        if (std::abs(R(j, j)) <= kCollinear * arma::norm(A.col(j)))
            throw Error("threshold: " + what + " are collinear (after absorbing the fixed effects)");
    return basis;
}

// Whether candidate c leaves at least min_rows rows in both regimes it splits, given the fixed ones.
bool allowed(const SortedRows& rows, const std::vector<std::size_t>& fixed, std::size_t c) {
    const std::size_t x = rows.below[c];
    std::size_t lower = 0, upper = rows.n();
    for (const auto f : fixed) {
        const std::size_t b = rows.below[f];
        if (b == x) return false;
        if (b < x) lower = std::max(lower, b);
        else upper = std::min(upper, b);
    }
    return x - lower >= rows.min_rows && upper - x >= rows.min_rows;
}

}  // namespace

SearchContext search_context(SortedRows rows, const arma::mat& X, const arma::mat& R, double df) {
    SearchContext context;
    context.Q0 = orthonormal_complement(arma::mat(X.n_rows, 0), arma::join_rows(X, R), "the regressors");
    context.geometry0 = scan_geometry(rows, context.Q0);
    context.rows = std::move(rows);
    context.df = df;
    return context;
}

Block block_with(const SearchContext& context, std::vector<std::size_t> fixed) {
    Block block;
    block.fixed = std::move(fixed);
    if (block.fixed.empty()) {
        block.geometry = context.geometry0;
        return block;
    }
    arma::mat C;
    for (const auto c : block.fixed) C = arma::join_rows(C, regime_columns(context.rows, c));
    block.Qc = orthonormal_complement(context.Q0, C, "the regime regressors at the thresholds held fixed");
    block.geometry = extend_geometry(context.rows, context.geometry0, block.Qc);
    return block;
}

arma::vec residuals(const SearchContext& context, const Block& block, const arma::vec& y) {
    arma::vec e = y - context.Q0 * (context.Q0.t() * y);
    if (!block.Qc.is_empty()) e -= block.Qc * (block.Qc.t() * e);
    return e;
}

SearchStep search(const SearchContext& context, const Block& block, const arma::vec& e) {
    const auto fall = reductions(context.rows, block.geometry, e);
    const double ssr = arma::dot(e, e);
    SearchStep step;
    step.ssr.set_size(fall.n_elem);
    bool found = false;
    for (std::size_t c = 0; c < fall.n_elem; ++c) {
        step.ssr[c] = allowed(context.rows, block.fixed, c) && std::isfinite(fall[c]) ? ssr - fall[c] : arma::datum::nan;
        if (std::isfinite(step.ssr[c]) && (!found || step.ssr[c] < step.ssr_min)) {
            step.best = c;
            step.ssr_min = step.ssr[c];
            found = true;
        }
    }
    if (!found)
        throw Error("threshold: no candidate threshold leaves " + std::to_string(context.rows.min_rows) +
                    " observations (the trimming) in every regime with identified regime slopes");
    return step;
}

}  // namespace gvcpanel::estimators::threshold
