#include "cli/moderator_percentiles.hpp"

#include <armadillo>
#include <cmath>

#include "estimators/inference/moderation.hpp"

namespace gvcpanel::cli {

void add_moderator_percentiles(std::vector<estimators::Result>& results, const data::Frame& frame,
                               const std::string& margins_over) {
    const auto grid = estimators::inference::parse_margins_over(margins_over);
    if (!frame.has(grid.moderator)) return;  // a moderator built by the formula (no column): no rug
    const auto& column = frame.column(grid.moderator);
    std::vector<double> values;
    for (std::size_t row = 0; row < column.size(); ++row)
        if (!column.is_missing(row)) values.push_back(column.number(row));
    if (values.empty()) return;
    const arma::vec sorted = arma::sort(arma::vec(values));
    std::vector<double> percentiles;
    for (int p = 0; p <= 100; ++p) {
        const double h = (static_cast<double>(sorted.n_elem) - 1) * p / 100.0;
        const auto low = static_cast<arma::uword>(std::floor(h));
        const arma::uword high = std::min<arma::uword>(low + 1, sorted.n_elem - 1);
        percentiles.push_back(sorted(low) + (h - static_cast<double>(low)) * (sorted(high) - sorted(low)));
    }
    for (auto& result : results)
        if (result.stats.contains("johnson_neyman")) result.stats["moderator_percentiles"] = percentiles;
}

}  // namespace gvcpanel::cli
