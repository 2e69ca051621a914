// The data of a production-function estimate: one row per firm-year, sorted by (firm, period), with
// the output, the free and state inputs, the proxy (investment for Olley-Pakes, materials or
// electricity for Levinsohn-Petrin and ACF), the controls of the law of motion and the exit flag.
// Lags are within firm and need the previous period itself (a gap has no lag), as prodest's lagPanel.
#pragma once

#include <armadillo>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "estimators/resampling/sampling_plan.hpp"

namespace gvcpanel::estimators::prodfn {

inline constexpr std::size_t kNoLag = std::numeric_limits<std::size_t>::max();

struct ProductionPanel {
    arma::vec y;                           // n: log output (value added, or gross output)
    arma::mat free;                        // n x f: freely chosen inputs (labour; materials in gross output)
    arma::mat state;                       // n x s: state inputs (capital)
    arma::vec proxy;                       // n: the proxy variable
    arma::mat controls;                    // n x c: controls of the law of motion (c may be 0)
    arma::vec exit;                        // n: 1 in a firm's last year when it leaves; empty without --exit
    std::vector<std::int32_t> firm;        // n: firm code, rows of a firm contiguous
    std::vector<std::int32_t> period;      // n: period code, increasing within a firm
    std::vector<std::string> free_names, state_names, control_names;
    long proxy_input = -1;                 // gross output: the column of `free` that is the proxy; else -1

    std::size_t rows() const { return y.n_elem; }
    // The row of the same firm one period earlier, or kNoLag.
    std::vector<std::size_t> previous_rows() const;
    // The rows of `draw` in draw order, each drawn copy of a firm a firm of its own (prodest's
    // block.boot.resample gives every draw a new id).
    ProductionPanel resampled(const resampling::Draw& draw) const;
    // Errors for sizes that disagree, unsorted rows or non-finite values (what and where).
    void validate() const;
};

// Rows of `X` at `rows` (kNoLag rows are not allowed).
arma::mat take_rows(const arma::mat& X, const std::vector<std::size_t>& rows);
arma::vec take_rows(const arma::vec& x, const std::vector<std::size_t>& rows);

// OP's exit indicator as prodest's exit = TRUE: 1 in a firm's last observed period when that period
// is before the last period of the sample.
arma::vec exit_after_last_period(const ProductionPanel& panel);

}  // namespace gvcpanel::estimators::prodfn
