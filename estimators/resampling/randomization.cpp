#include "estimators/resampling/randomization.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/resampling/replicates.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

// |b*| within this relative distance below |b| ties with it and counts as extreme (the observed
// assignment reproduces b up to rounding).
constexpr double kTie = 1e-9;

// The units of stratum s.
std::vector<std::size_t> stratum_units(const SamplingPlan& plan, std::size_t s) {
    return {plan.strata_units.begin() + static_cast<std::ptrdiff_t>(plan.strata_start[s]),
            plan.strata_units.begin() + static_cast<std::ptrdiff_t>(plan.strata_start[s + 1])};
}

// The number of distinct orderings of `items` (a multiset), or limit + 1 when above `limit`.
std::uint64_t distinct_orderings(std::vector<double> items, std::uint64_t limit) {
    std::sort(items.begin(), items.end());
    // n! / prod(m_j!) built as a product of binomial coefficients, each step exact in integers.
    std::uint64_t count = 1, placed = 0;
    for (std::size_t i = 0; i < items.size();) {
        std::size_t j = i;
        while (j < items.size() && items[j] == items[i]) ++j;
        for (std::uint64_t m = 1; m <= j - i; ++m) {
            ++placed;
            // count *= placed / m, exact: count x C(placed, m) stays an integer at every step.
            const long double next = static_cast<long double>(count) * static_cast<long double>(placed) / static_cast<long double>(m);
            if (next > static_cast<long double>(limit)) return limit + 1;
            count = count * placed / m;
        }
        i = j;
    }
    return count;
}

}  // namespace

arma::vec unit_values(const SamplingPlan& plan, const arma::vec& treatment, const std::string& variable) {
    arma::vec values(plan.units());
    for (std::size_t u = 0; u < plan.units(); ++u) {
        const double first = treatment(plan.rows[plan.unit_start[u]]);
        for (std::size_t a = plan.unit_start[u]; a < plan.unit_start[u + 1]; ++a)
            if (treatment(plan.rows[a]) != first)
                throw Error("--ri '" + variable + "': the treatment varies within a " + plan.unit_name + " cluster (observation " +
                            std::to_string(plan.rows[a] + 1) + " of the estimation sample): permute it at the level it was "
                            "assigned (name that level with --vcov cluster:VAR)");
        values(u) = first;
    }
    return values;
}

std::vector<arma::vec> enumerate_assignments(const SamplingPlan& plan, const arma::vec& values, std::uint64_t limit) {
    std::uint64_t total = 1;
    std::vector<std::vector<double>> sorted(plan.strata());
    for (std::size_t s = 0; s < plan.strata(); ++s) {
        for (const auto u : stratum_units(plan, s)) sorted[s].push_back(values(u));
        std::sort(sorted[s].begin(), sorted[s].end());
        const std::uint64_t here = distinct_orderings(sorted[s], limit);
        if (here > limit || total > limit / here) return {};
        total *= here;
    }
    // Odometer over the strata: each stratum steps through its distinct orderings (std::next_permutation
    // on a multiset), the first stratum fastest.
    std::vector<arma::vec> all;
    all.reserve(total);
    std::vector<std::vector<double>> current = sorted;
    for (std::uint64_t a = 0; a < total; ++a) {
        arma::vec assignment(values.n_elem);
        for (std::size_t s = 0; s < plan.strata(); ++s) {
            const auto units = stratum_units(plan, s);
            for (std::size_t j = 0; j < units.size(); ++j) assignment(units[j]) = current[s][j];
        }
        all.push_back(std::move(assignment));
        for (std::size_t s = 0; s < plan.strata(); ++s)
            if (std::next_permutation(current[s].begin(), current[s].end())) break;  // else wrapped: carry on
    }
    return all;
}

arma::vec permute_assignment(const SamplingPlan& plan, const arma::vec& values, data::Random& stream) {
    arma::vec assignment = values;
    for (std::size_t s = 0; s < plan.strata(); ++s) {
        const auto units = stratum_units(plan, s);
        for (std::size_t j = units.size(); j > 1; --j) {
            const auto pick = static_cast<std::size_t>(stream.below(j));
            std::swap(assignment(units[j - 1]), assignment(units[pick]));
        }
    }
    return assignment;
}

TestResult randomization_test(const SamplingPlan& plan, const arma::vec& values, double observed,
                              const RandomizationOptions& options, const AssignedFit& fit) {
    const std::string context = "--ri '" + options.variable + "'";
    if (options.reps < 1) throw Error(context + ": the number of permutations must be at least 1");
    const std::vector<arma::vec> all = enumerate_assignments(plan, values, options.reps);
    const bool enumerated = !all.empty();
    ReplicateOptions replicate_options;
    replicate_options.replications = enumerated ? all.size() : options.reps;
    replicate_options.seed = options.seed;
    replicate_options.threads = options.threads;
    const Replicates reps = run_replicates(1, replicate_options, [&](std::size_t r, data::Random& stream) {
        return arma::vec{fit(enumerated ? all[r] : permute_assignment(plan, values, stream))};
    });
    const arma::vec draws = reps.successful().col(0);
    if (draws.is_empty())
        throw Error(context + ": no permutation could be refitted (" + (reps.messages.empty() ? "" : reps.messages.front()) + ")");
    const double bound = std::abs(observed) * (1.0 - kTie);
    const double b = static_cast<double>(draws.n_elem);
    const double p = static_cast<double>(arma::accu(arma::abs(draws) >= bound)) / b;
    const double margin = kTie * std::abs(observed);
    TestResult test;
    test.name = "ri:" + options.variable;
    test.stat = observed;
    test.p = p;
    test.extra["reps"] = draws.n_elem;
    test.extra["enumerated"] = enumerated;
    test.extra["unit"] = plan.unit_name;
    test.extra["strata"] = options.strata.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(options.strata);
    test.extra["failed"] = reps.failed.size();
    test.extra["p_se"] = enumerated ? 0.0 : std::sqrt(p * (1.0 - p) / b);
    test.extra["p_low"] = static_cast<double>(arma::accu(draws <= observed + margin)) / b;
    test.extra["p_high"] = static_cast<double>(arma::accu(draws >= observed - margin)) / b;
    test.note = "randomization inference: " + options.variable + " reassigned among " + std::to_string(plan.units()) + " " +
                (plan.unit_name == "observation" ? std::string("observations") : plan.unit_name + " clusters") +
                (options.strata.empty() ? "" : " within strata of " + options.strata) + ", " +
                (enumerated ? "all " + std::to_string(draws.n_elem) + " distinct assignments enumerated: the p-value is exact"
                            : std::to_string(draws.n_elem) + " random permutations");
    if (!reps.failed.empty())
        test.note += "; " + std::to_string(reps.failed.size()) + " refits failed and are left out (" + reps.messages.front() + ")";
    return test;
}

}  // namespace gvcpanel::estimators::resampling
