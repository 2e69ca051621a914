// Demeaning with respect to fixed effects: replaces each column by its residual from the weighted
// projection on the dummies of every fixed-effect dimension, in place and without forming them.
// One dimension is exact (group means, or per-level least squares with varying slopes); two or
// more use alternating projections on the fixed-effect coefficients with Irons-Tuck acceleration
// (Bergé 2018), in parallel over columns. See docs/fixed_effects.md for the tolerance and the
// convergence criterion.
#pragma once

#include <armadillo>
#include <cstddef>
#include <string>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators {

struct DemeanOptions {
    double tolerance = 1e-10;           // stop when no fixed-effect coefficient moves by more than this,
                                        //   absolutely or relative to 0.1 + |coefficient|
    std::size_t max_iterations = 10000;  // accelerated iterations (each applies two sweeps)
    int threads = 0;                     // OpenMP threads; 0 = the program's setting

    // Throws gvcpanel::Error naming the field that breaks its rule.
    void validate() const;
};

// How one column's demeaning ended.
struct ColumnDemeaning {
    std::size_t iterations = 0;  // accelerated iterations until its change fell to the tolerance; 0 = exact
    double change = 0;           // its largest coefficient change at its last iteration
};

struct DemeanSummary {
    std::size_t iterations = 0;  // accelerated iterations, the most any column needed; 0 = exact
    double final_change = 0;     // largest coefficient change of any column at its last iteration
    bool converged = true;
    std::string message;         // the verdict in words when not converged
    std::vector<ColumnDemeaning> columns;  // per column, in the order given
};

// The fixed-effect coefficients found while demeaning: for dimension q (in the order given) a
// levels_q x columns matrix, so that column_j(original) = column_j(demeaned) + sum_q D_q * (q)(:, j).
// Not available when a dimension has varying slopes.
using EffectCoefficients = std::vector<arma::mat>;

// Demeans the `n`-long columns pointed to by `columns` in place. `weights` is empty or n long.
// When `coefficients` is not null it receives the fixed-effect coefficients of every column.
DemeanSummary demean(const std::vector<double*>& columns, std::size_t n,
                     const std::vector<models::Grouping>& effects, const arma::vec& weights,
                     const DemeanOptions& options = {}, EffectCoefficients* coefficients = nullptr);

// The summary of columns demeaned under `options`, from their records: what demean() returns for
// all of them at once, however they were grouped.
DemeanSummary summarize(std::vector<ColumnDemeaning> columns, const DemeanOptions& options);

// The columns of a matrix.
DemeanSummary demean(arma::mat& columns, const std::vector<models::Grouping>& effects,
                     const arma::vec& weights, const DemeanOptions& options = {},
                     EffectCoefficients* coefficients = nullptr);

}  // namespace gvcpanel::estimators
