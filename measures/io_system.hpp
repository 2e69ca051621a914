// The Leontief system of an input-output table, shared by the decompositions: technical
// coefficients A, the Leontief inverse B = (I - A)^-1 (from one LU factorisation, in place), value
// added per unit of output, final demand and gross exports by destination country. Products with
// the block-diagonal (domestic) and off-diagonal (foreign) parts of A, B and the local inverse
// L = (I - A_d)^-1 are computed from blocks and solves, never from GN x GN copies or inverses.
// Conventions of R decompr 6.4 (load_tables_vectors): A = Z / output (0 where output is 0), value
// added = output - intermediate inputs, final-demand categories summed by destination country.
#pragma once

#include <armadillo>

#include "measures/io_table.hpp"

namespace gvcpanel::measures {

struct IoSystem {
    std::size_t G = 0, N = 0, GN = 0;
    arma::mat A;      // GN x GN technical coefficients
    arma::mat B;      // GN x GN Leontief inverse
    arma::vec Vc;     // GN value added / output
    arma::vec X;      // GN gross output
    arma::mat Y;      // GN x G final demand by destination
    arma::mat Yd;     // Y in the own country's column only
    arma::mat Ym;     // Y - Yd: final exports by destination
    arma::vec E;      // GN gross exports
    arma::mat Eint;   // GN x G intermediate exports by destination
    arma::mat Efd;    // GN x G final exports by destination
    arma::vec va_domestic;  // GN: domestic value added per unit of output, sum over own rows of Vc B
    arma::vec va_foreign;   // GN: foreign value added per unit of output, sum over foreign rows of Vc B

    std::size_t first(std::size_t country) const { return country * N; }
    std::size_t last(std::size_t country) const { return country * N + N - 1; }

    arma::mat Bd_times(const arma::mat& M) const;  // (domestic blocks of B) * M
    arma::mat Bm_times(const arma::mat& M) const;  // (foreign blocks of B) * M
    arma::mat Am_times(const arma::mat& M) const;  // (foreign blocks of A) * M
    arma::mat L_times(const arma::mat& M) const;   // (I - A_d)^-1 M, by solves on the N x N blocks
    // GN x G: w(j) in column country(j), zero elsewhere.
    arma::mat by_own_country(const arma::vec& w) const;
    // GN: M(j, country(j)) of a GN x G matrix.
    arma::vec own_country(const arma::mat& M) const;
    // Sums the rows of a GN-row matrix by country: G rows.
    arma::mat sum_by_country(const arma::mat& M) const;
};

IoSystem leontief_system(const IoTable& table);
// The same, with A built in the storage of table.intermediate, which is left empty (the table's
// labels, final demand and output stay): memory for A and B only, beside the final demand.
IoSystem leontief_system_in_place(IoTable& table);

}  // namespace gvcpanel::measures
