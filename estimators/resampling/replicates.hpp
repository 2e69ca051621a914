// The resampling engine: run replicates r = first .. first + count - 1 of a scheme in parallel
// (OpenMP), each with its own random stream (replicate_stream(seed, r)), and collect their
// estimates and failures. Replicate r depends only on (seed, r) and the refit, so any split of the
// replicates over threads or processes gives the same numbers; merge_replicates joins the parts.
// Schemes: pairs and cluster bootstraps and the delete-one jackknife here; residual and wild
// schemes call run_replicates with their own draw from the stream. Docs: docs/resampling.md.
#pragma once

#include <armadillo>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "data/random.hpp"
#include "estimators/resampling/sampling_plan.hpp"

namespace gvcpanel::estimators::resampling {

struct ReplicateOptions {
    std::size_t replications = 999;   // B: the replicates of the whole scheme are 0 .. B-1
    std::uint64_t seed = 1;           // --seed
    std::size_t first = 0;            // run replicates first .. first + count - 1 of the B (a
    std::size_t count = std::numeric_limits<std::size_t>::max();  //   process's share); max = to B
    int threads = 0;                  // OpenMP threads; 0 = the program's setting

    void validate() const;
};

struct Replicates {
    std::size_t first = 0;                 // the index of the first replicate held
    arma::mat estimates;                   // count x k: row r - first is replicate r; NaN when it failed
    std::vector<std::size_t> failed;       // replicates that failed, increasing
    std::vector<std::string> messages;     // the distinct failure messages (at most 5)

    std::size_t count() const { return estimates.n_rows; }
    std::size_t succeeded() const { return count() - failed.size(); }
    // The estimates of the replicates that succeeded, in replicate order (succeeded() x k).
    arma::mat successful() const;
};

// Replicate r's k estimates from its stream. A gvcpanel::Error (or an estimate that is not finite)
// counts as a failure, with its message; any other exception stops the run and is rethrown.
using ReplicateFunction = std::function<arma::vec(std::size_t replicate, data::Random& stream)>;

Replicates run_replicates(std::size_t k, const ReplicateOptions& options, const ReplicateFunction& replicate);

// The parts (contiguous ranges, in any order) as one Replicates; an Error when they overlap or leave a gap.
Replicates merge_replicates(std::vector<Replicates> parts);

// The k estimates of a model refitted on a resampled data set.
using Refit = std::function<arma::vec(const Draw& draw)>;

// Pairs or cluster bootstrap: replicate r refits on draw_units(plan, replicate_stream(seed, r)).
Replicates bootstrap(const SamplingPlan& plan, std::size_t k, const ReplicateOptions& options, const Refit& refit);

// Delete-one jackknife: replicate u refits without unit u (no randomness; options.replications,
// first and count are set from the plan's units).
Replicates jackknife(const SamplingPlan& plan, std::size_t k, int threads, const Refit& refit);

}  // namespace gvcpanel::estimators::resampling
