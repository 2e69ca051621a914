// Participation in a panel, as Stata's xtdescribe shows it: the distribution of the number of
// periods per entity (T_i), and the patterns of observed periods (one character per period, '1'
// observed, '.' not), the most frequent first.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "data/panel_index.hpp"

namespace gvcpanel::data {

struct ParticipationOptions {
    std::size_t max_patterns = 9;  // patterns listed; the rest are counted together (xtdescribe: 9)
    std::size_t max_periods =
        100;  // no patterns for panels spanning more periods (too wide to read)
};

struct ParticipationPattern {
    std::string pattern;       // one character per period of the span: '1' observed, '.' not
    std::size_t entities = 0;  // entities with this pattern
};

struct Participation {
    // T_i (rows per entity without a time column) at 5, 25, 50, 75 and 95 percent, with Stata's
    // summarize definition: x_(i+1) when n p is not an integer i, else the mean of x_(i), x_(i+1).
    std::vector<double> periods_percentiles;
    // Most frequent first, ties by pattern text; empty without a time column or when the panel
    // spans more than max_periods periods.
    std::vector<ParticipationPattern> patterns;
    std::size_t other_entities = 0;  // entities whose pattern is not listed
};

inline constexpr double kParticipationPercents[] = {5, 25, 50, 75, 95};

Participation participation(const PanelIndex& panel, const ParticipationOptions& options = {});

}  // namespace gvcpanel::data
