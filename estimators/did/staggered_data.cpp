// Preparation of a staggered design, in R did 2.1.2's order: cohorts after the last period become
// never treated; without never-treated units (and --control notyet) the last cohort only serves as
// a comparison and the periods from its start on are dropped; cohorts treated by the first period
// (plus anticipation) get no effects and their units are dropped; then units are sorted into
// cohort blocks and their data laid out by period. Two departures, both documented in docs/did.md:
// a missing cohort means never treated, and with no never-treated units the last cohort stays as
// the comparison group even when other units were treated from the start (did 2.1.2 dropped it
// then, a bug fixed in did 2.5.1).
#include "estimators/did/staggered_data.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "data/error.hpp"
#include "models/levels.hpp"

namespace gvcpanel::estimators::did {

namespace {

std::string number_text(double value) { return models::level_name(value); }

std::vector<double> sorted_unique(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

std::size_t index_of(const std::vector<double>& sorted, double value) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
}

}  // namespace

ControlGroup parse_control_group(const std::string& text) {
    if (text == "never" || text == "nevertreated") return ControlGroup::never;
    if (text == "notyet" || text == "notyettreated") return ControlGroup::not_yet;
    throw Error("--control '" + text + "': expected never (never-treated units) or notyet (never and not yet treated)");
}

StaggeredData prepare_staggered(StaggeredInput in, ControlGroup control, int anticipation) {
    const std::size_t n = in.y.n_elem;
    const bool panel = !in.unit.empty();
    if (anticipation < 0) throw Error("--anticipation " + std::to_string(anticipation) + ": must be 0 or more");
    if (n == 0) throw Error("cs: no observations");
    StaggeredData out;
    out.periods = sorted_unique(in.time);
    for (std::size_t i = 0; i < n; ++i) {
        double& g = in.cohort[i];
        if (std::isnan(g) || g > out.periods.back()) g = 0;
        if (g < 0 || std::isinf(g))
            throw Error("--cohort: observation " + std::to_string(i + 1) + " has the cohort " + number_text(g) +
                        "; a cohort is the period of first treatment (0 or missing = never treated)");
    }
    std::vector<double> cohorts;
    for (double g : in.cohort)
        if (g != 0) cohorts.push_back(g);
    cohorts = sorted_unique(std::move(cohorts));
    const bool has_never = std::any_of(in.cohort.begin(), in.cohort.end(), [](double g) { return g == 0; });
    if (cohorts.empty()) throw Error("cs: no unit is ever treated (every cohort is 0, missing or after the last period)");

    std::vector<char> keep(n, 1);
    double comparison_only = std::nan("");
    if (!has_never) {
        if (control == ControlGroup::never)
            throw Error("cs: no never-treated units (cohort 0, missing or after the last period); "
                        "use --control notyet to compare with the not yet treated");
        comparison_only = cohorts.back();
        const double end = comparison_only - anticipation;
        for (std::size_t i = 0; i < n; ++i) keep[i] = in.time[i] < end;
        std::vector<double> kept;
        for (std::size_t i = 0; i < n; ++i)
            if (keep[i]) kept.push_back(in.time[i]);
        out.periods = sorted_unique(std::move(kept));
        if (out.periods.size() < 2)
            throw Error("cs: without never-treated units fewer than two periods precede the last cohort (" +
                        number_text(comparison_only) + ")");
        out.notes.push_back("no never-treated units: cohort " + number_text(comparison_only) +
                            " serves only as a comparison group, and periods from " + number_text(end) +
                            " on are dropped");
    }
    const double first = out.periods.front();
    for (double g : cohorts)
        if (g != comparison_only && g > first + anticipation) out.groups.push_back(g);
    if (out.groups.empty())
        throw Error("cs: no cohort starts after the first period (" + number_text(first) +
                    (anticipation ? " plus the anticipation" : "") + "), so no effect can be estimated");

    // As pre_process_did: when some units are treated by the first period, every unit whose cohort
    // gets no effect and is no comparison group is dropped. (Units first treated within the
    // anticipation of the first period stay otherwise; they are never compared, as in R.)
    const auto usable = [&](double g) {
        return g == 0 || g == comparison_only || std::binary_search(out.groups.begin(), out.groups.end(), g);
    };
    bool treated_at_start = false;
    for (std::size_t i = 0; i < n; ++i) treated_at_start |= keep[i] && in.cohort[i] != 0 && in.cohort[i] <= first;
    std::size_t dropped_rows = 0;
    for (std::size_t i = 0; i < n && treated_at_start; ++i)
        if (keep[i] && !usable(in.cohort[i])) {
            keep[i] = 0;
            ++dropped_rows;
        }
    if (dropped_rows)
        out.notes.push_back(std::to_string(dropped_rows) + " observations of units treated by the first period " +
                            (anticipation ? "(with the anticipation) " : "") + "were dropped");

    // Blocks: every cohort present, never treated first.
    std::vector<double> block_cohorts;
    for (std::size_t i = 0; i < n; ++i)
        if (keep[i]) block_cohorts.push_back(in.cohort[i]);
    block_cohorts = sorted_unique(std::move(block_cohorts));
    std::map<double, std::size_t> block_of;
    for (std::size_t b = 0; b < block_cohorts.size(); ++b) block_of[block_cohorts[b]] = b;
    const std::size_t T = out.periods.size(), B = block_cohorts.size();

    // Units: panel ids (a cohort must not vary within one), or every observation its own.
    std::vector<std::size_t> unit_of(n, 0);  // unit index (sorted order) of each kept observation
    std::vector<std::size_t> unit_block;     // block of each unit, sorted order
    if (panel) {
        const std::int32_t codes = *std::max_element(in.unit.begin(), in.unit.end()) + 1;
        std::vector<double> cohort_of(static_cast<std::size_t>(codes), std::nan(""));
        for (std::size_t i = 0; i < n; ++i) {
            if (!keep[i]) continue;
            double& known = cohort_of[static_cast<std::size_t>(in.unit[i])];
            if (std::isnan(known)) known = in.cohort[i];
            else if (known != in.cohort[i])
                throw Error("--cohort: unit " + in.unit_label(in.unit[i]) + " has the cohorts " + number_text(known) +
                            " and " + number_text(in.cohort[i]) + "; a unit's first treated period is one value");
        }
        // Units ordered by block, then by code: a counting sort over the blocks.
        std::vector<std::size_t> block_index(static_cast<std::size_t>(codes), B), start(B + 1, 0);
        for (std::int32_t c = 0; c < codes; ++c)
            if (!std::isnan(cohort_of[static_cast<std::size_t>(c)])) {
                block_index[static_cast<std::size_t>(c)] = block_of[cohort_of[static_cast<std::size_t>(c)]];
                ++start[block_index[static_cast<std::size_t>(c)] + 1];
            }
        for (std::size_t b = 0; b < B; ++b) start[b + 1] += start[b];
        std::vector<std::size_t> position(static_cast<std::size_t>(codes), 0);
        unit_block.resize(start[B]);
        for (std::int32_t c = 0; c < codes; ++c) {
            const std::size_t b = block_index[static_cast<std::size_t>(c)];
            if (b == B) continue;
            position[static_cast<std::size_t>(c)] = start[b];
            unit_block[start[b]++] = b;
        }
        for (std::size_t i = 0; i < n; ++i)
            if (keep[i]) unit_of[i] = position[static_cast<std::size_t>(in.unit[i])];
    }

    // Observations in (block, period, unit) order; without ids each is a unit in that order. A
    // balanced panel needs no order: each observation goes straight to its unit and period.
    std::vector<std::size_t> obs;
    std::vector<std::size_t> period_of(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (keep[i]) {
            obs.push_back(i);
            period_of[i] = index_of(out.periods, in.time[i]);
        }
    out.balanced = panel && obs.size() == unit_block.size() * T;
    std::vector<std::size_t> obs_block(n, 0);
    if (!out.balanced) {
        for (std::size_t i : obs) obs_block[i] = panel ? unit_block[unit_of[i]] : block_of[in.cohort[i]];
        std::stable_sort(obs.begin(), obs.end(), [&](std::size_t a, std::size_t b) {
            if (obs_block[a] != obs_block[b]) return obs_block[a] < obs_block[b];
            if (period_of[a] != period_of[b]) return period_of[a] < period_of[b];
            return unit_of[a] < unit_of[b];
        });
    }
    if (!panel) {
        for (std::size_t o = 0; o < obs.size(); ++o) {
            unit_of[obs[o]] = o;
            unit_block.push_back(obs_block[obs[o]]);
        }
    }
    out.n_units = unit_block.size();
    out.n_observations = obs.size();
    for (std::size_t b = 0; b < B; ++b) {
        CohortBlock block;
        block.cohort = block_cohorts[b];
        block.begin = static_cast<std::size_t>(std::lower_bound(unit_block.begin(), unit_block.end(), b) - unit_block.begin());
        block.end = static_cast<std::size_t>(std::upper_bound(unit_block.begin(), unit_block.end(), b) - unit_block.begin());
        out.blocks.push_back(block);
    }
    for (double g : out.groups) out.group_block.push_back(block_of[g]);

    // R's check on group sizes: the never treated must number at least the covariates plus 5 when
    // they are the comparison group; smaller groups are worth a note.
    out.k = in.X.n_cols;
    const std::size_t required = out.k - 1 + 5;
    std::string small;
    for (const auto& block : out.blocks) {
        const double size = panel ? double(block.size()) : double(block.size()) / double(T);
        if (size >= double(required)) continue;
        if (block.cohort == 0 && control == ControlGroup::never)
            throw Error("cs: the never-treated group has " + number_text(size) + " units, fewer than the " +
                        std::to_string(required) + " needed with " + std::to_string(out.k - 1) +
                        " covariates; try --control notyet");
        small += (small.empty() ? "" : ", ") + number_text(block.cohort);
    }
    if (!small.empty()) out.notes.push_back("small groups (fewer than " + std::to_string(required) + " units): cohorts " + small);

    // Weights per unit: a panel unit has one weight; otherwise the mean of its observations'.
    const bool weighted = !in.weights.is_empty();
    out.unit_weight.ones(out.n_units);
    if (weighted) {
        out.unit_weight.zeros();
        std::vector<std::size_t> count(out.n_units, 0);
        std::vector<double> seen(out.n_units, std::nan(""));
        for (std::size_t i : obs) {
            const std::size_t u = unit_of[i];
            out.unit_weight[u] += in.weights[i];
            ++count[u];
            if (panel && !std::isnan(seen[u]) && seen[u] != in.weights[i])
                throw Error("--weights: unit " + in.unit_label(in.unit[i]) + " has the weights " + number_text(seen[u]) +
                            " and " + number_text(in.weights[i]) + "; with panel data each unit has one weight");
            seen[u] = in.weights[i];
        }
        for (std::size_t u = 0; u < out.n_units; ++u) out.unit_weight[u] /= double(count[u]);
    }

    const std::size_t k = out.k;
    if (out.balanced) {
        out.y.set_size(out.n_units, T);
        out.X.set_size(k, out.n_units, T);
        for (std::size_t i : obs) {
            const std::size_t u = unit_of[i], t = period_of[i];
            out.y(u, t) = in.y[i];
            for (std::size_t a = 0; a < k; ++a) out.X(a, u, t) = in.X(i, a);
        }
        return out;
    }
    if (panel)
        out.notes.push_back("unbalanced panel: estimated observation by observation with the influence functions "
                            "summed by unit (did's allow_unbalanced_panel = TRUE)");
    out.obs_y.set_size(obs.size());
    out.obs_Xt.set_size(k, obs.size());
    if (weighted) out.obs_weight.set_size(obs.size());
    out.obs_unit.resize(obs.size());
    out.range_start.assign(B * (T + 1), 0);
    std::vector<std::size_t> count(B * T, 0);
    for (std::size_t o = 0; o < obs.size(); ++o) {
        const std::size_t i = obs[o];
        out.obs_y[o] = in.y[i];
        for (std::size_t a = 0; a < k; ++a) out.obs_Xt(a, o) = in.X(i, a);
        if (weighted) out.obs_weight[o] = in.weights[i];
        out.obs_unit[o] = unit_of[i];
        ++count[obs_block[i] * T + period_of[i]];
    }
    std::size_t start = 0;
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t t = 0; t <= T; ++t) {
            out.range_start[b * (T + 1) + t] = start;
            if (t < T) start += count[b * T + t];
        }
    return out;
}

}  // namespace gvcpanel::estimators::did
