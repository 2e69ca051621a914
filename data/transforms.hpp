// Transforms of one variable, aligned to frame rows (one value per row, NaN = missing): lag, lead
// and difference within entity along the panel's time, respecting gaps (a lag across a gap is
// missing, as Stata's L. and fixest's l()); log; winsorize; standardize.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "data/panel_index.hpp"

namespace gvcpanel::data {

// x of the same entity k periods earlier; NaN when that period is not observed (a gap, the edge)
// or the row is outside the panel. k = 0 returns x; k < 0 is a lead. `name` is for messages: a
// panel without a time column is an Error.
std::vector<double> lag(const PanelIndex& panel, const std::vector<double>& x, int k = 1,
                        std::string_view name = "x");
// x of the same entity k periods later: lag(panel, x, -k).
std::vector<double> lead(const PanelIndex& panel, const std::vector<double>& x, int k = 1,
                         std::string_view name = "x");
// x - lag(x, k), as fixest's d(x, k): a k-period difference, not the k-th difference.
std::vector<double> difference(const PanelIndex& panel, const std::vector<double>& x, int k = 1,
                               std::string_view name = "x");

// Natural log; x <= 0 has no log and becomes missing (NaN), counted in n_nonpositive so that the
// caller can report it (fixest and Stata's ln() also give missing; neither adds a constant).
struct LogResult {
    std::vector<double> values;
    std::size_t n_nonpositive = 0;  // values <= 0 set to missing (missing inputs are not counted)
};
LogResult natural_log(const std::vector<double>& x);

struct WinsorizeOptions {
    double lower = 0.01;  // values below this quantile are raised to it (0 = no lower limit)
    double upper = 0.99;  // values above this quantile are lowered to it (1 = no upper limit)
    // Throws an Error naming the field unless 0 <= lower <= upper <= 1.
    void validate() const;
};
// x clipped to its lower and upper quantiles over the non-missing values, quantiles by linear
// interpolation between order statistics (R's quantile type 7, the default of R and numpy).
// Missing values stay missing.
std::vector<double> winsorize(const std::vector<double>& x, const WinsorizeOptions& options = {});

// (x - mean) / sd over the non-missing values, sd with the n - 1 denominator (R's scale(), Stata's
// egen std()). Fewer than two values or a constant x is an Error naming `name`.
std::vector<double> standardize(const std::vector<double>& x, std::string_view name = "x");

}  // namespace gvcpanel::data
