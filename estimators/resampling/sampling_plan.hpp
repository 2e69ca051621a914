// What one replicate of a pairs or cluster bootstrap (or a delete-one jackknife) draws: the units
// (single observations, or whole clusters), optionally within strata, as index lists into the
// estimation sample. A Draw lists the rows in draw order with the copy of the unit each belongs to,
// so a refit can tell two copies of one cluster apart (as Stata's bootstrap, idcluster()).
#pragma once

#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

#include "data/random.hpp"

namespace gvcpanel::estimators::resampling {

struct SamplingPlan {
    std::size_t observations = 0;            // n, rows of the estimation sample
    std::string unit_name;                   // "observation" or the cluster variable, for messages
    // Unit u holds rows[unit_start[u]] .. rows[unit_start[u + 1] - 1], in increasing order.
    std::vector<std::size_t> unit_start;
    std::vector<std::size_t> rows;
    // Stratum s holds units strata_units[strata_start[s]] .. [strata_start[s + 1] - 1].
    std::vector<std::size_t> strata_start;
    std::vector<std::size_t> strata_units;

    std::size_t units() const { return unit_start.empty() ? 0 : unit_start.size() - 1; }
    std::size_t strata() const { return strata_start.empty() ? 0 : strata_start.size() - 1; }
};

// Every observation its own unit. `strata`: a code per observation (empty: one stratum).
SamplingPlan pairs_plan(std::size_t observations, const std::vector<std::int32_t>& strata = {});

// Units are the clusters of `clusters` (a code per observation; unused codes are skipped; an
// observation with a negative code belongs to no unit and is never drawn). `strata`: a code per
// observation, constant within each cluster (an Error otherwise); empty: one stratum.
SamplingPlan cluster_plan(const std::vector<std::int32_t>& clusters, const std::string& name,
                          const std::vector<std::int32_t>& strata = {});

struct Draw {
    std::vector<std::size_t> rows;       // observations in draw order, with repetition
    std::vector<std::uint32_t> copy;     // per row: which drawn unit (0, 1, ... in draw order) it came from

    // How often each of the n observations was drawn: the frequency weights of the replicate.
    arma::vec frequencies(std::size_t observations) const;
};

// One bootstrap draw: in each stratum, as many units as it has, drawn with replacement.
Draw draw_units(const SamplingPlan& plan, data::Random& stream);

// Every unit but `unit` once (the delete-one jackknife).
Draw leave_out(const SamplingPlan& plan, std::size_t unit);

}  // namespace gvcpanel::estimators::resampling
