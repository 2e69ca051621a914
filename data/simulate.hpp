// The embedded default data set: a synthetic panel of firms nested in clusters (region x
// industry) with local and global (GVC) linkages and upgrading outcomes generated from known true
// parameters, so that every estimator can be checked against the truth that made the data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/frame.hpp"
#include "data/simulate_staggered.hpp"

namespace gvcpanel::data {

struct SimulationOptions {
    std::int64_t firms = 2000;       // number of firms (each present in a run of consecutive years)
    std::int64_t years = 16;         // number of calendar years the panel spans
    std::uint64_t seed = 1;          // the generator's seed: the same seed gives the same panel
    std::int64_t first_year = 2001;  // calendar year of the first period
    int regions = 8;                 // regions R01..; clusters are region x industry
    int industries = 12;             // industries I01..
    double missing_share = 0.005;    // share of cells left missing in local_sourcing, fdi_share
                                     // and capital_intensity (missing completely at random)

    // Throws an Error naming the field, its value and the rule it broke.
    void validate() const;
};

struct TrueCoefficient {
    std::string term;  // as a formula names it: "export_share", "gvc_participation:cluster_density"
    double value = 0.0;
};

// One outcome's data-generating process: a linear index
//   index_it = sum_k coefficient_k * term_k,it + firm_effect_loading * alpha_i
//              + random_effect_sd * u_i + year_effect_t + shock_loading * v_it
// turned into the outcome by `model`, where alpha_i is the firm effect shared by all outcomes
// (correlated with the regressors), u_i an outcome-specific firm effect independent of everything,
// and v_it the firm's unobserved time-varying shock that also moves gvc_participation.
struct OutcomeTruth {
    std::string outcome;                        // the column
    std::string model;                          // linear, logit, poisson, tobit, dynamic
    std::vector<TrueCoefficient> coefficients;  // slopes and "(Intercept)"
    double firm_effect_loading = 0.0;           // times alpha_i
    double random_effect_sd = 0.0;              // sd of u_i
    double shock_loading = 0.0;        // times v_it (non-zero: gvc_participation is endogenous)
    double error_sd = 0.0;             // idiosyncratic normal error; 0 where the family
                                       // supplies the noise (logit, Poisson)
    std::vector<double> year_effects;  // one per year; the first year's is 0
    // How to recover the parameters: `gvcpanel fit --data FILE --estimator estimator --model formula`
    // followed by fit_options, which are separated by single spaces and contain none (so that they
    // need no quoting). tests/cli/simulated_recovery_test.cpp runs it on the default panel.
    std::string estimator;
    std::string formula;
    std::string fit_options;
    std::vector<TrueCoefficient> recovered;  // what that fit estimates, named as the rows of its result
                                             //   (coefficients or ancillary), with the true values
    bool recovers_year_effects = false;      // year::t (t after the first year) join `recovered`
    std::string note;                  // what the recovery needs or cannot give

    double coefficient(std::string_view term) const;  // throws an Error for an unknown term
};

// How gvc_participation is generated: logistic(propensity_i + tariff_shock_effect * tariff_shock
// + shock_effect * v_it + noise); tariff_shock is independent of v, alpha and every error.
struct FirstStageTruth {
    double tariff_shock_effect = 0.0;  // on the logit scale
    double shock_effect = 0.0;         // loading of v_it: the source of endogeneity
    double noise_sd = 0.0;
};

struct SimulationTruth {
    SimulationOptions options;
    double firm_effect_sd = 0.0;          // sd of alpha_i's own part
    double firm_effect_on_density = 0.0;  // alpha_i = this * cluster agglomeration + own part
    double shock_sd = 0.0;                // sd of v_it
    FirstStageTruth first_stage;
    std::vector<OutcomeTruth> outcomes;
    StaggeredPolicyTruth staggered_policy;  // zone_year, zone and log_exports (data/simulate_staggered.hpp)

    const OutcomeTruth& outcome(std::string_view name) const;  // throws an Error when unknown
    nlohmann::ordered_json to_json() const;
};

struct Simulation {
    Frame frame;  // one row per firm-year, sorted by firm then year
    SimulationTruth truth;
};

Simulation simulate(const SimulationOptions& options = {});

}  // namespace gvcpanel::data
