// Randomization inference (Fisher 1935; Young 2019; Stata's ritest, Hess 2017): the treatment's
// values are reassigned among the units it was assigned to (clusters or observations), within
// strata, the model refitted on each reassignment, and the p-value of the treatment's coefficient is
// the share of reassignments whose |coefficient| is at least the observed one. When the distinct
// reassignments number at most B they are all enumerated and the p-value is exact. Replicate r's
// permutation is drawn from replicate_stream(seed, r), so the result does not depend on the thread
// count. docs/resampling.md.
#pragma once

#include <armadillo>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/resampling/sampling_plan.hpp"

namespace gvcpanel::estimators::resampling {

struct RandomizationOptions {
    std::uint64_t reps = 999;       // B: permutations drawn, or every distinct one when at most B
    std::uint64_t seed = 1;
    int threads = 0;                // OpenMP threads over the refits; 0 = the program's setting
    std::string variable;           // the treatment, for the test's name and messages
    std::string strata;             // the strata variable, for the note (empty: none)
};

// The treatment's value per unit of `plan` (n values, one per observation). An Error naming the unit
// when a unit holds different values (the treatment was not assigned at that level).
arma::vec unit_values(const SamplingPlan& plan, const arma::vec& treatment, const std::string& variable);

// Every distinct reassignment of `values` (per unit) among the units of each stratum, the observed one
// among them, when they number at most `limit`; else empty.
std::vector<arma::vec> enumerate_assignments(const SamplingPlan& plan, const arma::vec& values, std::uint64_t limit);

// A uniformly random permutation of `values` among the units of each stratum (Fisher-Yates).
arma::vec permute_assignment(const SamplingPlan& plan, const arma::vec& values, data::Random& stream);

// The treatment's coefficient refitted with unit u's treatment `assignment(u)`; throw gvcpanel::Error
// when it cannot be estimated (the replicate is left out and counted).
using AssignedFit = std::function<double(const arma::vec& assignment)>;

// The test "ri:<variable>": stat the observed coefficient, p = share of |b*| >= |b| (1 - 1e-9) (ties
// counted, as ritest), df empty; extra reps, enumerated, unit, strata, failed, p_se (the Monte
// Carlo standard error sqrt(p (1 - p) / reps); 0 when enumerated), p_low and p_high (the one-sided
// shares of b* <= b and b* >= b).
TestResult randomization_test(const SamplingPlan& plan, const arma::vec& values, double observed,
                              const RandomizationOptions& options, const AssignedFit& fit);

}  // namespace gvcpanel::estimators::resampling
