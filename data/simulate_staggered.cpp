// Cohorts at about a quarter, 7/16, 5/8 and 13/16 of the span (2005, 2008, 2011, 2014 in 2001-2016),
// each a fifth of the clusters ranked by their mean density plus noise; log_exports = 2 + firm
// effect + year effect + effect(cohort, year) + noise. The truth lists, for each recovery formula,
// the rows it reports and their true values on this very panel: Callaway-Sant'Anna's ATT(g,t) (0
// before g), Sun-Abraham's cells, and the imputation estimator's horizons, the mean effect over
// the treated observations it can impute (those of firms seen before their cluster's designation).
#include "data/simulate_staggered.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "data/random.hpp"

namespace gvcpanel::data {

namespace {

// The policy's own stream: its draws leave every other column of the panel unchanged.
constexpr std::uint64_t kPolicyStream = 0x7a6f6e655f706f6cULL;  // "zone_pol"
const double kCohortPositions[] = {0.25, 0.4375, 0.625, 0.8125};
const double kEffectAtStart[] = {0.10, 0.08, 0.06, 0.04};
const double kGrowthPerYear[] = {0.05, 0.04, 0.03, 0.02};

std::string year_text(std::int64_t year) { return std::to_string(year); }

}  // namespace

double StaggeredPolicyTruth::effect(std::int64_t g, std::int64_t t) const {
    for (const auto& c : cohorts)
        if (c.year == g) return t >= g ? c.effect_at_start + c.growth_per_year * double(t - g) : 0.0;
    return 0.0;
}

nlohmann::ordered_json StaggeredPolicyTruth::to_json(std::int64_t first_year) const {
    using json = nlohmann::ordered_json;
    json cohort_list = json::array();
    for (const auto& c : cohorts)
        cohort_list.push_back({{"zone_year", c.year}, {"effect_at_start", c.effect_at_start},
                               {"growth_per_year", c.growth_per_year}});
    json years = json::object();
    for (std::size_t t = 0; t < year_effects.size(); ++t) years["year::" + year_text(first_year + std::int64_t(t))] = year_effects[t];
    const auto parameters = [](const std::vector<std::pair<std::string, double>>& list) {
        json out = json::object();
        for (const auto& [name, value] : list) out[name] = value;
        return out;
    };
    json out;
    out["outcome"] = "log_exports";
    out["model"] = "log_exports = 2 + firm effect + year effect + effect(zone_year, year) + N(0, error_sd^2)";
    out["cohort_column"] = "zone_year";
    out["treatment_column"] = "zone";
    out["cohorts"] = cohort_list;
    out["never_share"] = never_share;
    out["firm_effect_sd"] = firm_effect_sd;
    out["error_sd"] = error_sd;
    out["year_effects"] = years;
    out["effect"] = "effect_at_start + growth_per_year * (year - zone_year) from zone_year on, 0 before";
    out["robust"] = json::array(
        {{{"recovered_by", {{"estimator", "cs"}, {"formula", "log_exports ~ 1"},
                            {"options", "--cohort zone_year --panel firm,year"}, {"parameters", parameters(cohort_time)}}}},
         {{"recovered_by", {{"estimator", "did-imputation"}, {"formula", "log_exports ~ 1 | firm + year"},
                            {"options", "--cohort zone_year --panel firm,year"}, {"parameters", parameters(horizons)}}}},
         {{"recovered_by", {{"estimator", "ols"}, {"formula", "log_exports ~ sunab(zone_year, year) | firm + year"},
                            {"options", "--vcov cluster:firm --agg none"}, {"parameters", parameters(sunab_cells)}}}}});
    out["biased"] = {{"estimator", "ols"}, {"formula", "log_exports ~ zone | firm + year"},
                     {"note", "two-way fixed effects: later zones are compared with earlier ones whose effects "
                              "still grow, so the coefficient falls well below the ATT (the imputation row ATT)"}};
    return out;
}

StaggeredPolicyTruth add_staggered_policy(Frame& frame, std::uint64_t seed, std::int64_t first_year, std::int64_t years) {
    Random random(seed ^ kPolicyStream);
    StaggeredPolicyTruth truth;
    truth.firm_effect_sd = 0.6;
    truth.error_sd = 0.25;
    for (std::size_t k = 0; k < 4; ++k) {
        const std::int64_t offset = std::max<std::int64_t>(1, std::llround(kCohortPositions[k] * double(years)));
        if (offset >= years || (!truth.cohorts.empty() && first_year + offset <= truth.cohorts.back().year)) continue;
        truth.cohorts.push_back({first_year + offset, kEffectAtStart[k], kGrowthPerYear[k]});
    }
    const std::size_t n = frame.rows();
    const auto& firm = frame.column("firm").integers;
    const auto& year = frame.column("year").integers;
    const auto& cluster = frame.column("cluster");
    const auto& density = frame.column("cluster_density").numbers;

    // Clusters ranked by mean density plus noise: the densest fifth is zoned first.
    const std::size_t clusters = cluster.levels.size();
    std::vector<double> mean(clusters, 0.0), count(clusters, 0.0), score(clusters, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        mean[std::size_t(cluster.codes[i])] += density[i];
        count[std::size_t(cluster.codes[i])] += 1;
    }
    for (std::size_t c = 0; c < clusters; ++c) score[c] = (count[c] > 0 ? mean[c] / count[c] : 0.0) + random.normal(0.0, 0.3);
    std::vector<std::size_t> order(clusters);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    std::vector<std::int64_t> zone_of_cluster(clusters, 0);
    const std::size_t groups = truth.cohorts.size() + 1;
    for (std::size_t r = 0; r < clusters; ++r) {
        const std::size_t group = r * groups / clusters;
        if (group < truth.cohorts.size()) zone_of_cluster[order[r]] = truth.cohorts[group].year;
    }
    truth.never_share = 1.0 / double(groups);

    truth.year_effects.assign(std::size_t(years), 0.0);
    for (std::size_t t = 1; t < truth.year_effects.size(); ++t)
        truth.year_effects[t] = 0.03 * double(t) + random.normal(0.0, 0.05);
    std::vector<std::int64_t> zone_year(n), zone(n);
    std::vector<double> exports(n);
    double firm_effect = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (i == 0 || firm[i] != firm[i - 1]) firm_effect = random.normal(0.0, truth.firm_effect_sd);
        const std::int64_t g = zone_of_cluster[std::size_t(cluster.codes[i])], t = year[i];
        zone_year[i] = g;
        zone[i] = g > 0 && t >= g;
        exports[i] = 2.0 + firm_effect + truth.year_effects[std::size_t(t - first_year)] + truth.effect(g, t) +
                     random.normal(0.0, truth.error_sd);
    }

    // The rows each estimator reports, with their values on this panel.
    const std::int64_t last = first_year + years - 1;
    for (const auto& c : truth.cohorts)
        for (std::int64_t t = first_year + 1; t <= last; ++t)
            truth.cohort_time.push_back({"ATT(" + year_text(c.year) + "," + year_text(t) + ")", truth.effect(c.year, t)});
    std::set<std::pair<std::int64_t, std::int64_t>> cells;  // (relative year, cohort) observed
    std::map<std::int64_t, std::pair<double, double>> by_horizon;  // imputable treated: sum, count
    double att = 0, treated = 0;
    for (std::size_t begin = 0; begin < n;) {
        std::size_t end = begin;
        while (end < n && firm[end] == firm[begin]) ++end;
        const std::int64_t g = zone_year[begin];
        const bool seen_before = g > 0 && year[begin] < g;  // rows are sorted by year within a firm
        for (std::size_t i = begin; i < end && g > 0; ++i) {
            if (year[i] - g != -1) cells.insert({year[i] - g, g});
            if (zone[i] && seen_before) {
                by_horizon[year[i] - g].first += truth.effect(g, year[i]);
                by_horizon[year[i] - g].second += 1;
                att += truth.effect(g, year[i]);
                treated += 1;
            }
        }
        begin = end;
    }
    truth.horizons.push_back({"ATT", att / treated});
    for (const auto& [h, sum] : by_horizon) truth.horizons.push_back({"event::" + std::to_string(h), sum.first / sum.second});
    for (const auto& [r, g] : cells)
        truth.sunab_cells.push_back({"year::" + std::to_string(r) + ":cohort::" + year_text(g), truth.effect(g, g + r)});

    const auto labelled = [](Column column, const char* label) {
        column.label = label;
        return column;
    };
    frame.add(labelled(Column::integer("zone_year", std::move(zone_year)),
                       "Year the cluster became a development zone (0 = never)"));
    frame.add(labelled(Column::integer("zone", std::move(zone)), "Development zone (0/1)"));
    frame.add(labelled(Column::numeric("log_exports", std::move(exports)), "Log export value"));
    return truth;
}

}  // namespace gvcpanel::data
