// aggte's four aggregations over the estimated cells. Weights by cohort share pg (R's pg) are
// estimated, so their influence enters through the coefficient on w_i 1{G_i = g}:
//   sum_k att_k wif_ik = sum_g z_i(g) (sum_{k in K, g_k = g} att_k - n_g(K) ATT_K) / sum_{k in K} pg_k,
// the constant terms of aggte's wif cancelling. The overall cohort aggregation weights the
// cohorts' own influence (did >= 2.5's fix: did 2.1.2 took the first cells' cohorts instead,
// which moves that one standard error by a few tenths of a percent; docs/did.md). Comparisons
// of periods with max_e use positions in the sorted periods and cohorts, as aggte does.
#include "estimators/did/cs_aggregation.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "data/error.hpp"
#include "models/levels.hpp"

namespace gvcpanel::estimators::did {

namespace {

std::string number(double value) { return models::level_name(value); }

class Aggregator {
public:
    Aggregator(const GroupTimeEffects& effects, const AggregationOptions& options)
        : effects_(effects), options_(options), columns_(effects.influence.columns()) {
        std::set<double> values(effects.groups.begin(), effects.groups.end());
        for (const auto& cell : effects.cells) values.insert(cell.time);
        ordered_.assign(values.begin(), values.end());
        for (std::size_t c = 0; c < effects.cells.size(); ++c)
            if (!std::isnan(effects.cells[c].att)) usable_.push_back(c);
    }

    std::vector<std::size_t> usable() const { return usable_; }

    // The position of a period or cohort among all of them (aggte's orig2t).
    double position(double value) const {
        return double(std::lower_bound(ordered_.begin(), ordered_.end(), value) - ordered_.begin()) + 1;
    }

    std::size_t group_index(double g) const {
        return std::size_t(std::lower_bound(effects_.groups.begin(), effects_.groups.end(), g) - effects_.groups.begin());
    }

    double share(std::size_t cell) const { return effects_.group_share[group_index(effects_.cells[cell].group)]; }

    // The pg-weighted mean of the cells `keep`, with the influence of its estimated weights.
    AggregatedParameter weighted(const std::vector<std::size_t>& keep, std::string name) const {
        AggregatedParameter out;
        out.name = std::move(name);
        out.coefficients.zeros(columns_);
        double total = 0, sum = 0;
        for (std::size_t c : keep) {
            total += share(c);
            sum += share(c) * effects_.cells[c].att;
        }
        out.estimate = sum / total;
        for (std::size_t c : keep) {
            const auto& cell = effects_.cells[c];
            out.coefficients[cell.column] += share(c) / total;
            const std::size_t z = effects_.group_column[group_index(cell.group)];
            out.coefficients[z] += (cell.att - out.estimate) / total;
        }
        return out;
    }

    // The equally weighted mean of parameters (no estimated weights).
    static AggregatedParameter mean(const std::vector<AggregatedParameter>& parts, std::string name, std::size_t m) {
        AggregatedParameter out;
        out.name = std::move(name);
        out.coefficients.zeros(m);
        out.estimate = 0;
        for (const auto& part : parts) {
            out.estimate += part.estimate / double(parts.size());
            out.coefficients += part.coefficients / double(parts.size());
        }
        if (parts.empty()) out.estimate = arma::datum::nan;
        return out;
    }

    std::vector<AggregatedParameter> none() const {
        std::vector<AggregatedParameter> out;
        for (const auto& cell : effects_.cells) {
            AggregatedParameter p;
            p.name = "ATT(" + number(cell.group) + "," + number(cell.time) + ")";
            p.estimate = cell.att;
            p.coefficients.zeros(columns_);
            p.coefficients[cell.column] = 1;
            p.reference = cell.reference;
            p.in_band = !cell.reference && !std::isnan(cell.att);
            p.pre_treatment = !cell.post;
            out.push_back(std::move(p));
        }
        return out;
    }

    bool within_max(const GroupTimeCell& cell) const {
        return position(cell.time) <= position(cell.group) + options_.max_e;
    }

    std::vector<AggregatedParameter> simple() const {
        std::vector<std::size_t> keep;
        for (std::size_t c : usable_)
            if (effects_.cells[c].post && within_max(effects_.cells[c])) keep.push_back(c);
        if (keep.empty()) throw Error("cs: no post-treatment effect could be estimated, so there is no ATT");
        return {weighted(keep, "ATT")};
    }

    std::vector<AggregatedParameter> group(std::vector<std::string>& notes) const {
        std::vector<AggregatedParameter> rows;
        std::vector<std::size_t> cohort;  // index in effects_.groups of each row
        for (std::size_t gi = 0; gi < effects_.groups.size(); ++gi) {
            const double g = effects_.groups[gi];
            std::vector<std::size_t> keep;
            for (std::size_t c : usable_) {
                const auto& cell = effects_.cells[c];
                if (cell.group == g && cell.post && within_max(cell)) keep.push_back(c);
            }
            if (keep.empty()) {
                notes.push_back("cohort " + number(g) + " has no estimated post-treatment effect and is left out");
                continue;
            }
            AggregatedParameter row = weighted(keep, "cohort::" + number(g));  // equal weights within a cohort
            row.in_band = true;
            rows.push_back(std::move(row));
            cohort.push_back(gi);
        }
        if (rows.empty()) throw Error("cs: no post-treatment effect could be estimated, so there is no ATT");
        double total = 0, sum = 0;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            total += effects_.group_share[cohort[r]];
            sum += effects_.group_share[cohort[r]] * rows[r].estimate;
        }
        AggregatedParameter overall;
        overall.name = "ATT";
        overall.estimate = sum / total;
        overall.coefficients.zeros(columns_);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            overall.coefficients += effects_.group_share[cohort[r]] / total * rows[r].coefficients;
            overall.coefficients[effects_.group_column[cohort[r]]] += (rows[r].estimate - overall.estimate) / total;
        }
        rows.insert(rows.begin(), std::move(overall));
        return rows;
    }

    std::vector<AggregatedParameter> dynamic() const {
        std::set<double> times;
        for (std::size_t c : usable_) {
            const double e = effects_.cells[c].time - effects_.cells[c].group;
            if (e >= options_.min_e && e <= options_.max_e) times.insert(e);
        }
        std::vector<AggregatedParameter> rows, after;
        for (double e : times) {
            std::vector<std::size_t> keep;
            for (std::size_t c : usable_)
                if (effects_.cells[c].time - effects_.cells[c].group == e) keep.push_back(c);
            AggregatedParameter row = weighted(keep, "event::" + number(e));
            row.in_band = true;
            row.pre_treatment = e < 0;
            row.reference = std::all_of(keep.begin(), keep.end(), [&](std::size_t c) { return effects_.cells[c].reference; });
            if (e >= 0) after.push_back(row);
            rows.push_back(std::move(row));
        }
        if (after.empty()) throw Error("cs: no event time 0 or later within --min-e/--max-e, so there is no ATT");
        rows.insert(rows.begin(), mean(after, "ATT", columns_));
        return rows;
    }

    std::vector<AggregatedParameter> calendar() const {
        if (usable_.empty()) throw Error("cs: no effect could be estimated");
        double first = arma::datum::inf;
        for (std::size_t c : usable_) first = std::min(first, position(effects_.cells[c].group));
        std::set<double> times;
        for (std::size_t c : usable_)
            if (position(effects_.cells[c].time) >= first) times.insert(effects_.cells[c].time);
        std::vector<AggregatedParameter> rows;
        for (double t : times) {
            std::vector<std::size_t> keep;
            for (std::size_t c : usable_)
                if (effects_.cells[c].time == t && effects_.cells[c].post) keep.push_back(c);
            if (keep.empty()) continue;
            AggregatedParameter row = weighted(keep, "calendar::" + number(t));
            row.in_band = true;
            rows.push_back(std::move(row));
        }
        rows.insert(rows.begin(), mean(rows, "ATT", columns_));
        return rows;
    }

private:
    const GroupTimeEffects& effects_;
    const AggregationOptions& options_;
    std::size_t columns_;
    std::vector<double> ordered_;
    std::vector<std::size_t> usable_;
};

}  // namespace

Aggregation parse_aggregation(const std::string& text) {
    if (text == "none") return Aggregation::none;
    if (text == "simple") return Aggregation::simple;
    if (text == "group") return Aggregation::group;
    if (text == "dynamic") return Aggregation::dynamic;
    if (text == "calendar") return Aggregation::calendar;
    throw Error("--agg '" + text + "': for cs expected none, simple, group, dynamic or calendar");
}

std::vector<AggregatedParameter> aggregate_effects(const GroupTimeEffects& effects, const AggregationOptions& options,
                                                   std::vector<std::string>& notes) {
    const Aggregator aggregator(effects, options);
    std::size_t failed = 0;
    for (const auto& cell : effects.cells) failed += std::isnan(cell.att);
    if (failed && options.type != Aggregation::none)
        notes.push_back(std::to_string(failed) + " ATT(g,t) could not be estimated and are left out of the aggregation");
    switch (options.type) {
        case Aggregation::none: return aggregator.none();
        case Aggregation::simple: return aggregator.simple();
        case Aggregation::group: return aggregator.group(notes);
        case Aggregation::dynamic: return aggregator.dynamic();
        case Aggregation::calendar: return aggregator.calendar();
    }
    return {};
}

}  // namespace gvcpanel::estimators::did
