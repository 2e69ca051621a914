// The data of a staggered-adoption design as Callaway and Sant'Anna's estimator reads it: units
// grouped by cohort (the period of first treatment; 0 = never treated) into contiguous blocks, the
// outcome and covariates per unit and period (a balanced panel) or per observation (an unbalanced
// panel, or repeated cross-sections where every observation is its own unit). Preparation follows
// R did 2.1.2's pre_process_did (which cohorts get effects, who is dropped, what is an error).
#pragma once

#include <armadillo>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace gvcpanel::estimators::did {

enum class ControlGroup { never, not_yet };

// "never" or "notyet" (also did's "nevertreated", "notyettreated").
ControlGroup parse_control_group(const std::string& text);

struct StaggeredInput {
    arma::vec y;                          // n observations
    arma::mat X;                          // n x k covariates, intercept first
    arma::vec weights;                    // n, or empty for equal weights
    std::vector<double> time;             // n periods (numbers)
    std::vector<double> cohort;           // n: first treated period; 0, NaN or after the last period = never
    std::vector<std::int32_t> unit;       // n unit codes 0..; empty for repeated cross-sections
    std::function<std::string(std::int32_t)> unit_label;  // a unit code as the user wrote it (messages)
};

// A run of units sharing a cohort: units [begin, end) in the sorted order.
struct CohortBlock {
    double cohort = 0;  // 0 for the never treated
    std::size_t begin = 0, end = 0;
    std::size_t size() const { return end - begin; }
};

struct StaggeredData {
    std::vector<double> periods;        // every period, sorted (R's tlist)
    std::vector<double> groups;         // the cohorts that get ATT(g,t) (R's glist), sorted
    std::vector<CohortBlock> blocks;    // every cohort present among the units, sorted, never treated first
    std::vector<std::size_t> group_block;  // block index of each of `groups`
    std::size_t n_units = 0;
    std::size_t n_observations = 0;
    arma::vec unit_weight;              // per unit: its weight (panel) or its observations' mean weight
    std::size_t k = 0;                  // covariates with the intercept
    bool balanced = false;              // every unit in every period: the panel estimators

    // Balanced panel: outcome (units x periods) and covariates (k x units x periods, one slice a period).
    arma::mat y;
    arma::cube X;

    // Otherwise, observations ordered by (block, period, unit); observations [range(b, t)] are block
    // b's in period t.
    arma::vec obs_y;
    arma::mat obs_Xt;                   // k x observations
    arma::vec obs_weight;               // empty when unweighted
    std::vector<std::size_t> obs_unit;  // unit of each observation
    std::vector<std::size_t> range_start;  // (blocks x (periods + 1)) starts, block-major
    std::pair<std::size_t, std::size_t> range(std::size_t block, std::size_t period) const {
        const std::size_t at = block * (periods.size() + 1) + period;
        return {range_start[at], range_start[at + 1]};
    }

    std::vector<std::string> notes;     // what preparation dropped or warns about
};

// Applies pre_process_did's rules with `control` and `anticipation` (K periods before the cohort
// start already count as treated). Errors: no never-treated unit with --control never, a cohort
// that varies within a unit, too small a never-treated group, no cohort left to estimate.
StaggeredData prepare_staggered(StaggeredInput input, ControlGroup control, int anticipation);

}  // namespace gvcpanel::estimators::did
