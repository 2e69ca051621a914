#include "estimators/resampling/sampling_plan.hpp"

#include <algorithm>

#include "data/error.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

constexpr std::size_t kNoUnit = static_cast<std::size_t>(-1);

// Groups 0..count-1 of `code` (one per item; kNoUnit: in no group) as offsets and items, items in
// increasing order within a group.
void group(const std::vector<std::size_t>& code, std::size_t count, std::vector<std::size_t>& start,
           std::vector<std::size_t>& items) {
    start.assign(count + 1, 0);
    for (const auto c : code)
        if (c != kNoUnit) ++start[c + 1];
    for (std::size_t g = 0; g < count; ++g) start[g + 1] += start[g];
    items.resize(start[count]);
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < code.size(); ++i)
        if (code[i] != kNoUnit) items[next[code[i]]++] = i;
}

// Dense codes 0..count-1 in order of first appearance; a negative code gives kNoUnit.
std::vector<std::size_t> dense(const std::vector<std::int32_t>& codes, std::size_t& count) {
    std::vector<std::int64_t> index;
    std::vector<std::size_t> out(codes.size(), kNoUnit);
    count = 0;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (codes[i] < 0) continue;
        const auto c = static_cast<std::size_t>(codes[i]);
        if (c >= index.size()) index.resize(c + 1, -1);
        if (index[c] < 0) index[c] = static_cast<std::int64_t>(count++);
        out[i] = static_cast<std::size_t>(index[c]);
    }
    return out;
}

// Strata of the units: `unit_of` a dense unit code per observation (kNoUnit: none), `strata` a code
// per observation.
void assign_strata(SamplingPlan& plan, const std::vector<std::size_t>& unit_of, const std::vector<std::int32_t>& strata) {
    const std::size_t units = plan.units();
    std::vector<std::size_t> stratum_of_unit(units, 0);
    std::size_t count = 1;
    if (!strata.empty()) {
        if (strata.size() != plan.observations)
            throw Error("resampling strata: " + std::to_string(strata.size()) + " codes for " +
                        std::to_string(plan.observations) + " observations");
        const auto codes = dense(strata, count);
        std::vector<std::size_t> seen(units, kNoUnit);
        for (std::size_t i = 0; i < codes.size(); ++i) {
            if (unit_of[i] == kNoUnit) continue;
            if (codes[i] == kNoUnit)
                throw Error("resampling: observation " + std::to_string(i + 1) + " has no stratum (missing)");
            auto& s = seen[unit_of[i]];
            if (s == kNoUnit) s = codes[i];
            else if (s != codes[i])
                throw Error("resampling: a " + plan.unit_name + " cluster spans several strata; clusters must be "
                            "nested in strata");
        }
        for (std::size_t u = 0; u < units; ++u) stratum_of_unit[u] = seen[u];
    }
    group(stratum_of_unit, count, plan.strata_start, plan.strata_units);
}

}  // namespace

SamplingPlan pairs_plan(std::size_t observations, const std::vector<std::int32_t>& strata) {
    if (observations == 0) throw Error("resampling: the estimation sample is empty");
    SamplingPlan plan;
    plan.observations = observations;
    plan.unit_name = "observation";
    plan.unit_start.resize(observations + 1);
    plan.rows.resize(observations);
    std::vector<std::size_t> unit_of(observations);
    for (std::size_t i = 0; i < observations; ++i) plan.unit_start[i] = plan.rows[i] = unit_of[i] = i;
    plan.unit_start[observations] = observations;
    assign_strata(plan, unit_of, strata);
    return plan;
}

SamplingPlan cluster_plan(const std::vector<std::int32_t>& clusters, const std::string& name,
                          const std::vector<std::int32_t>& strata) {
    if (clusters.empty()) throw Error("resampling by '" + name + "': the estimation sample is empty");
    SamplingPlan plan;
    plan.observations = clusters.size();
    plan.unit_name = name;
    std::size_t count = 0;
    const auto unit_of = dense(clusters, count);
    if (count < 2) throw Error("resampling by '" + name + "': the estimation sample has a single cluster");
    group(unit_of, count, plan.unit_start, plan.rows);
    assign_strata(plan, unit_of, strata);
    return plan;
}

arma::vec Draw::frequencies(std::size_t observations) const {
    arma::vec counts(observations, arma::fill::zeros);
    for (const auto row : rows) counts(row) += 1.0;
    return counts;
}

Draw draw_units(const SamplingPlan& plan, data::Random& stream) {
    Draw draw;
    draw.rows.reserve(plan.observations);
    draw.copy.reserve(plan.observations);
    std::uint32_t copy = 0;
    for (std::size_t s = 0; s < plan.strata(); ++s) {
        const std::size_t first = plan.strata_start[s], size = plan.strata_start[s + 1] - first;
        for (std::size_t d = 0; d < size; ++d, ++copy) {
            const std::size_t unit = plan.strata_units[first + stream.below(size)];
            for (std::size_t a = plan.unit_start[unit]; a < plan.unit_start[unit + 1]; ++a) {
                draw.rows.push_back(plan.rows[a]);
                draw.copy.push_back(copy);
            }
        }
    }
    return draw;
}

Draw leave_out(const SamplingPlan& plan, std::size_t unit) {
    if (unit >= plan.units())
        throw Error("jackknife: unit " + std::to_string(unit) + " of " + std::to_string(plan.units()));
    // The remaining rows keep the sample's order; each remaining unit is its own copy.
    constexpr auto kNone = static_cast<std::uint32_t>(-1);
    std::vector<std::uint32_t> unit_of(plan.observations, kNone);
    for (std::size_t u = 0; u < plan.units(); ++u)
        for (std::size_t a = plan.unit_start[u]; a < plan.unit_start[u + 1]; ++a)
            unit_of[plan.rows[a]] = static_cast<std::uint32_t>(u);
    Draw draw;
    draw.rows.reserve(plan.observations);
    draw.copy.reserve(plan.observations);
    for (std::size_t i = 0; i < plan.observations; ++i) {
        if (unit_of[i] == kNone || unit_of[i] == unit) continue;
        draw.rows.push_back(i);
        draw.copy.push_back(unit_of[i] < unit ? unit_of[i] : unit_of[i] - 1);
    }
    return draw;
}

}  // namespace gvcpanel::estimators::resampling
