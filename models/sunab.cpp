// Relative periods and cohort classes on the sample, then one column per (relative period, cohort)
// present, as fixest 0.12's sunab() with ref.p = -1.
#include "models/sunab.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "data/error.hpp"
#include "models/levels.hpp"

namespace gvcpanel::models {

SunabColumns sunab_columns(const double* cohort, const double* period, const std::vector<std::size_t>& rows,
                           const arma::vec& weights, const std::string& period_name, const Source& source,
                           std::size_t position) {
    std::set<double> periods;
    for (std::size_t row : rows) periods.insert(period[row]);
    // A cohort whose value is no period of the sample is never treated (fixest's "refs").
    const auto treated = [&](std::size_t row) { return !std::isnan(cohort[row]) && periods.count(cohort[row]) > 0; };
    std::map<double, std::pair<bool, bool>> signs;  // cohort -> (some r < 0, some r >= 0)
    for (std::size_t row : rows) {
        if (!treated(row)) continue;
        auto& [before, after] = signs[cohort[row]];
        (period[row] - cohort[row] < 0 ? before : after) = true;
    }
    if (signs.empty())
        throw source.error(position, "sunab(): no cohort value is one of the periods; the cohort is the period "
                                     "of first treatment (never treated: 0, missing, or after the last period)");
    for (const auto& [c, seen] : signs)
        if (!seen.first)
            throw source.error(position, "sunab(): cohort " + level_name(c) +
                                             " is treated in every period it is observed (always treated); "
                                             "leave it out with --subset");
    const auto in_column = [&](std::size_t row) {
        return treated(row) && signs[cohort[row]].second && period[row] - cohort[row] != -1;
    };
    std::set<std::pair<double, double>> keys;  // (relative, cohort)
    for (std::size_t row : rows)
        if (in_column(row)) keys.insert({period[row] - cohort[row], cohort[row]});
    if (keys.empty()) throw source.error(position, "sunab(): no cohort is observed after its start");

    SunabColumns out;
    std::map<std::pair<double, double>, std::int32_t> column;
    for (const auto& [r, c] : keys) {
        column[{r, c}] = std::int32_t(out.cells.size());
        out.cells.push_back({period_name + "::" + level_name(r) + ":cohort::" + level_name(c), r, c, 0.0});
    }
    out.column_of_obs.assign(rows.size(), -1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!in_column(rows[i])) continue;
        const std::int32_t j = column[{period[rows[i]] - cohort[rows[i]], cohort[rows[i]]}];
        out.column_of_obs[i] = j;
        out.cells[std::size_t(j)].weight += weights.is_empty() ? 1.0 : weights[i];
    }
    return out;
}

}  // namespace gvcpanel::models
