// fixest's aggregate(x, agg): shares = the cells' observation counts (weight sums) within each
// aggregated row; the other coefficients stay, those before the first cell ahead of the rows.
#include "estimators/did/sun_abraham.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "data/error.hpp"
#include "models/levels.hpp"

namespace gvcpanel::estimators::did {

namespace {

// Cells present among the estimate's coefficients (collinear ones are dropped), grouped by key.
template <typename Key>
std::vector<CombinedRow> grouped(const Estimate& e, const std::function<bool(const models::SunabCell&)>& keep,
                                 const std::function<Key(const models::SunabCell&)>& key,
                                 const std::function<std::string(const Key&)>& name) {
    std::map<Key, std::vector<const models::SunabCell*>> groups;
    for (const auto& cell : e.sample.sunab)
        if (keep(cell) && std::find(e.names.begin(), e.names.end(), cell.name) != e.names.end())
            groups[key(cell)].push_back(&cell);
    std::vector<CombinedRow> rows;
    for (const auto& [k, cells] : groups) {
        double total = 0;
        for (const auto* cell : cells) total += cell->weight;
        CombinedRow row;
        row.name = name(k);
        for (const auto* cell : cells) row.weights.emplace_back(cell->name, cell->weight / total);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<CombinedRow> by_period(const Estimate& e, bool before_only) {
    return grouped<double>(
        e, [&](const models::SunabCell& c) { return !before_only || c.relative < 0; },
        [](const models::SunabCell& c) { return c.relative; },
        [&](const double& r) { return e.sample.sunab_period + "::" + models::level_name(r); });
}

}  // namespace

void add_sunab_rows(const Estimate& estimate, const std::string& agg, InferenceOptions& options) {
    if (estimate.sample.sunab.empty()) return;
    const auto after_start = [](const models::SunabCell& c) { return c.relative >= 0; };
    std::vector<CombinedRow> aggregated;
    if (agg.empty() || agg == "period") {
        aggregated = by_period(estimate, false);
    } else if (agg == "att") {
        aggregated = grouped<int>(estimate, after_start, [](const models::SunabCell&) { return 0; },
                                  [](const int&) { return std::string("ATT"); });
    } else if (agg == "cohort") {
        aggregated = grouped<double>(estimate, after_start, [](const models::SunabCell& c) { return c.cohort; },
                                     [](const double& g) { return "cohort::" + models::level_name(g); });
    } else if (agg != "none") {
        throw Error("--agg '" + agg + "': for sunab() expected period (the default), att, cohort or none");
    }
    const auto pre = by_period(estimate, true);
    if (!pre.empty()) options.joint.push_back({"pretrend", pre});
    if (agg == "none") return;

    std::set<std::string> cells;
    for (const auto& cell : estimate.sample.sunab) cells.insert(cell.name);
    std::vector<CombinedRow> rows;
    bool placed = false;
    for (const auto& name : estimate.names) {
        if (cells.count(name)) {
            if (!placed) rows.insert(rows.end(), aggregated.begin(), aggregated.end());
            placed = true;
            continue;
        }
        rows.push_back({name, {{name, 1.0}}});
    }
    options.rows = std::move(rows);
}

}  // namespace gvcpanel::estimators::did
