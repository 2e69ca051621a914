// Householder QR with column pivoting (LAPACK dgeqp3; Golub and Van Loan, Matrix Computations,
// 4th ed., 5.4.2) of an n x k matrix A (n >= k): A P = Q R. The factor keeps LAPACK's compact
// layout (R on and above the diagonal, the reflectors below), so Q is never formed unless asked for.
#pragma once

#include <armadillo>
#include <vector>

namespace gvcpanel::estimators {

class PivotedQr {
public:
    // Factorises A (consumed). Requires A.n_rows >= A.n_cols >= 1.
    explicit PivotedQr(arma::mat A);

    arma::uword rows() const { return factor_.n_rows; }
    arma::uword cols() const { return factor_.n_cols; }
    // Column j of R is column pivot()[j] of A.
    const std::vector<arma::uword>& pivot() const { return pivot_; }
    // The k x k upper-triangular R.
    arma::mat r() const;
    // Q' y (n) by applying the k reflectors in turn, O(nk).
    arma::vec apply_qt(arma::vec y) const;
    // Q v (n) for v of length n, the reflectors applied in reverse order, O(nk).
    arma::vec apply_q(arma::vec v) const;
    // The first k columns of Q (n x k); the factor's memory is reused.
    arma::mat thin_q() &&;

private:
    arma::mat factor_;
    arma::vec tau_;
    std::vector<arma::uword> pivot_;
};

}  // namespace gvcpanel::estimators
