// Lags walk each entity's rows in time order with two pointers (the row k periods back is found by
// period, not by position, so gaps give missing values); one pass, O(n), entities in parallel.
// Winsorizing finds its two quantiles by selection (nth_element), O(n), no full sort.
#include "data/transforms.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

void check_rows(const PanelIndex& panel, const std::vector<double>& x, std::string_view name) {
    if (x.size() != panel.entity().size())
        throw Error("'" + std::string(name) + "' has " + std::to_string(x.size()) +
                    " values; the panel has " + std::to_string(panel.entity().size()) + " rows");
}

std::vector<double> present_values(const std::vector<double>& x) {
    std::vector<double> values;
    values.reserve(x.size());
    for (double v : x)
        if (!std::isnan(v)) values.push_back(v);
    return values;
}

// Quantile p of `values` (R type 7: h = (n - 1) p, interpolated between the order statistics at
// floor(h) and floor(h) + 1). Reorders `values`.
double quantile(std::vector<double>& values, double p) {
    const double h = static_cast<double>(values.size() - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo),
                     values.end());
    const double below = values[lo];
    if (lo + 1 >= values.size() || h == static_cast<double>(lo)) return below;
    const double above =
        *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1, values.end());
    return below + (h - static_cast<double>(lo)) * (above - below);
}

}  // namespace

std::vector<double> lag(const PanelIndex& panel, const std::vector<double>& x, int k,
                        std::string_view name) {
    check_rows(panel, x, name);
    if (k == 0) return x;
    if (!panel.has_time())
        throw Error("cannot take a lag or lead of '" + std::string(name) +
                    "': the panel has no time (it was declared with the entity '" +
                    panel.entity_name() + "' alone)");
    const auto& period = panel.period();
    std::vector<double> shifted(x.size(), kMissing);
    const auto n_entities = static_cast<std::int64_t>(panel.n_entities());
#pragma omp parallel for schedule(static)
    for (std::int64_t e = 0; e < n_entities; ++e) {
        const auto rows = panel.entity_rows(static_cast<std::int32_t>(e));
        std::size_t source = 0;
        for (const auto row : rows) {
            const std::int64_t target = static_cast<std::int64_t>(period[row]) - k;
            while (source < rows.size() && period[rows[source]] < target) ++source;
            if (source < rows.size() && period[rows[source]] == target)
                shifted[row] = x[rows[source]];
        }
    }
    return shifted;
}

std::vector<double> lead(const PanelIndex& panel, const std::vector<double>& x, int k,
                         std::string_view name) {
    return lag(panel, x, -k, name);
}

std::vector<double> difference(const PanelIndex& panel, const std::vector<double>& x, int k,
                               std::string_view name) {
    auto d = lag(panel, x, k, name);
    for (std::size_t row = 0; row < d.size(); ++row) d[row] = x[row] - d[row];
    return d;
}

LogResult natural_log(const std::vector<double>& x) {
    LogResult result;
    result.values.resize(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] <= 0) {
            result.values[i] = kMissing;
            ++result.n_nonpositive;
        } else {
            result.values[i] = std::log(x[i]);
        }
    }
    return result;
}

void WinsorizeOptions::validate() const {
    if (!(lower >= 0 && lower <= 1))
        throw Error("winsorize: lower = " + std::to_string(lower) + " is not a quantile in [0, 1]");
    if (!(upper >= 0 && upper <= 1))
        throw Error("winsorize: upper = " + std::to_string(upper) + " is not a quantile in [0, 1]");
    if (lower > upper)
        throw Error("winsorize: lower = " + std::to_string(lower) +
                    " is above upper = " + std::to_string(upper));
}

std::vector<double> winsorize(const std::vector<double>& x, const WinsorizeOptions& options) {
    options.validate();
    auto values = present_values(x);
    if (values.empty()) return x;
    const double lo = quantile(values, options.lower);
    const double hi = quantile(values, options.upper);
    std::vector<double> clipped(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        clipped[i] = std::isnan(x[i]) ? x[i] : std::clamp(x[i], lo, hi);
    return clipped;
}

std::vector<double> standardize(const std::vector<double>& x, std::string_view name) {
    std::size_t n = 0;
    double sum = 0;
    for (double v : x)
        if (!std::isnan(v)) sum += v, ++n;
    if (n < 2)
        throw Error("cannot standardize '" + std::string(name) + "': it has " + std::to_string(n) +
                    " non-missing value" + (n == 1 ? "" : "s") + ", at least 2 are needed");
    const double mean = sum / static_cast<double>(n);
    double squares = 0;
    for (double v : x)
        if (!std::isnan(v)) squares += (v - mean) * (v - mean);
    const double sd = std::sqrt(squares / static_cast<double>(n - 1));
    if (!(sd > 0))
        throw Error("cannot standardize '" + std::string(name) + "': it is constant (sd = 0)");
    std::vector<double> z(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) z[i] = (x[i] - mean) / sd;
    return z;
}

}  // namespace gvcpanel::data
