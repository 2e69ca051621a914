// data::PanelIndex: the panel structure of a Frame: entity and time codes per row, the sort order
// (entity, time), gaps and balance. A duplicate (entity, time) pair is an Error naming the pair and
// its lines. The time column may be absent (a cross-section of groups); when present it holds
// whole numbers or dates (time_periods.hpp), anything else is an error naming the first bad value.
// A numeric entity id beyond 2^53 is an error (its digits may have merged ids).
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::data {

class PanelIndex {
public:
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

    // `time` may be empty. Rows with a missing entity or time get kMissingCode (in both codes) and
    // are left out of the panel. Integer-valued times may span at most kMaxPeriods periods.
    static constexpr std::size_t kMaxPeriods = 1'000'000;
    PanelIndex(const Frame& frame, std::string entity, std::string time = "");

    const std::string& entity_name() const { return entity_name_; }
    const std::string& time_name() const { return time_name_; }
    bool has_time() const { return !time_name_.empty(); }

    std::size_t n_entities() const { return entity_labels_.size(); }
    // Distinct time codes spanned, min to max (a period no entity has still counts: it is a gap).
    std::size_t n_periods() const { return period_labels_.size(); }

    // Entity code per frame row: 0..n_entities-1, in sorted order of the entity values.
    const std::vector<std::int32_t>& entity() const { return entity_; }
    // Time code per frame row: t - t_min for whole-number times, the period number minus the
    // first's for dates (so calendar gaps show as gaps). kMissingCode when missing.
    const std::vector<std::int32_t>& period() const { return period_; }
    // Frame rows sorted by (entity, period); rows with a missing entity or time are left out.
    const std::vector<std::size_t>& order() const { return order_; }
    // Rows in the panel (both codes present): order().size().
    std::size_t n_observations() const { return order_.size(); }
    // The frame rows of one entity, sorted by period.
    std::span<const std::size_t> entity_rows(std::int32_t code) const;

    const std::string& entity_label(std::int32_t code) const { return entity_labels_.at(code); }
    const std::string& period_label(std::int32_t code) const { return period_labels_.at(code); }

    // The frame row of the same entity `k` periods earlier (k > 0) or later (k < 0) than `row`,
    // or npos when that period is not observed (a gap, the panel's edge, or no time column).
    std::size_t shifted_row(std::size_t row, int k) const;

    // Every entity observed in every period (without a time column: every entity has as many rows).
    bool balanced() const;
    std::size_t n_gaps() const;  // missing periods inside entities' spans, summed over entities
    struct Spread { std::size_t min = 0; double mean = 0; std::size_t max = 0; };
    Spread periods_per_entity() const;

private:
    std::string entity_name_, time_name_;
    std::vector<std::int32_t> entity_, period_;
    std::vector<std::size_t> order_;
    std::vector<std::string> entity_labels_, period_labels_;
    std::vector<std::size_t> entity_start_;  // offset of each entity's first row in order_, then size
};

}  // namespace gvcpanel::data
