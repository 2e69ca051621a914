// The exact threshold search of Hansen (1999) by updated cross-products: the sum of squared residuals
// S(gamma) of the within regression on a fixed block F and the regime columns B(gamma) = W(R 1{q <= gamma})
// for every candidate gamma in one pass over the rows sorted by q, never refitting. With F orthonormal
// (Q) and e = M_F y: S(gamma) = e'e - u' D^-1 u, u = R1'e, D = B'B - (R1'Q)(R1'Q)' (W is symmetric and
// idempotent, so B'v = R1'v for within-transformed v), B'B = sum_{q<=gamma} w r r' - sum_i S_i S_i' / W_i
// with S_i the entity's weighted sum of r over rows with q <= gamma (one fixed-effects dimension).
// n rows, kr regime-dependent regressors; every vector here is within-transformed and times sqrt(w).
#pragma once

#include <armadillo>
#include <cstdint>
#include <vector>

namespace gvcpanel::estimators::threshold {

// The rows in the order of q, the candidate thresholds and the regime regressors, fixed for a data set.
struct SortedRows {
    std::vector<arma::uword> order;     // rows by increasing q (ties in row order)
    arma::mat r;                        // kr x n: column p is sqrt(w) r of row order[p]
    arma::vec weight;                   // n: w of row order[p]
    std::vector<std::int32_t> entity;   // n: entity of row order[p]
    arma::vec entity_weight;            // per entity: the sum of its weights (T_i unweighted)
    std::vector<double> gamma;          // candidates, increasing
    std::vector<std::size_t> below;     // per candidate: the rows with q <= gamma
    std::size_t min_rows = 1;           // rows each regime must hold (the trimming)

    std::size_t n() const { return order.size(); }
    std::size_t kr() const { return r.n_rows; }
};

// `R`: n x kr regime regressors as observed; `q` n; `entity` codes 0..entities-1; `weights` n or empty.
// Candidates: the distinct values of q leaving at least ceil(trim n) rows (and one) on either side;
// `grid` > 0 keeps that many of them at evenly spaced ranks (0 = all).
SortedRows sort_rows(const arma::mat& R, const arma::vec& q, const std::vector<std::int32_t>& entity,
                     std::int32_t entities, const arma::vec& weights, double trim, std::size_t grid);

// D(gamma) of every candidate for a fixed block (kr*kr x candidates, column-major blocks), and their
// inverses where D is positive definite relative to B'B (else the candidate is not identified).
struct ScanGeometry {
    arma::mat D;
    arma::mat inverse;                  // kr*kr x candidates; NaN where not identified
};

// D for the fixed block with orthonormal basis Q (n x k, rows in the original order).
ScanGeometry scan_geometry(const SortedRows& rows, const arma::mat& Q);

// D for the block extended by the orthonormal columns Qc (orthogonal to the block's Q).
ScanGeometry extend_geometry(const SortedRows& rows, const ScanGeometry& base, const arma::mat& Qc);

// u' D^-1 u per candidate for the residuals e (n, original order, orthogonal to the block): the fall of
// the sum of squared residuals when the candidate's regime columns join; NaN where not identified.
arma::vec reductions(const SortedRows& rows, const ScanGeometry& geometry, const arma::vec& e);

// The within transformation of R 1{q <= gamma} times sqrt(w) for the candidate `c` (n x kr, original
// order): the columns a threshold at gamma adds to the fixed block.
arma::mat regime_columns(const SortedRows& rows, std::size_t c);

}  // namespace gvcpanel::estimators::threshold
