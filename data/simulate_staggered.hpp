// The simulated panel's staggered policy: clusters are designated development zones in different
// years (denser clusters earlier, a fifth never), and the zone raises its firms' exports by an
// effect that differs by cohort and grows with years of exposure. Untreated outcomes follow
// parallel trends (firm effects and common year effects), so Callaway-Sant'Anna, the imputation
// estimator and Sun-Abraham recover the cohort-time effects, while two-way fixed effects, which
// compares later zones with earlier ones whose effects are still growing, does not (docs/did.md).
// Its draws come from a stream of their own, so the rest of the panel is the same with or without it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/frame.hpp"

namespace gvcpanel::data {

struct ZoneCohort {
    std::int64_t year = 0;          // first year as a development zone
    double effect_at_start = 0.0;   // effect on log_exports in that year
    double growth_per_year = 0.0;   // added per year of exposure
};

struct StaggeredPolicyTruth {
    std::vector<ZoneCohort> cohorts;
    double never_share = 0.2;       // clusters never designated
    double firm_effect_sd = 0.0, error_sd = 0.0;
    std::vector<double> year_effects;  // one per year; the first year's is 0
    // The parameters each robust estimator identifies on this panel (row name, true value).
    std::vector<std::pair<std::string, double>> cohort_time, horizons, sunab_cells;

    // The true effect on log_exports of cohort g in year t (0 before g, or for g = 0).
    double effect(std::int64_t g, std::int64_t t) const;
    nlohmann::ordered_json to_json(std::int64_t first_year) const;
};

// Adds zone_year (0 = never), zone (0/1) and log_exports to the simulated `frame` (firm, year,
// cluster, cluster_density; rows sorted by firm then year) from `seed`.
StaggeredPolicyTruth add_staggered_policy(Frame& frame, std::uint64_t seed, std::int64_t first_year, std::int64_t years);

}  // namespace gvcpanel::data
