// data::describe: the structure of a panel (as Stata's xtdescribe: entities, periods, balance,
// gaps, periods per entity) and the overall, between and within variation of each numeric
// variable (as Stata's xtsum), as plain values and as text.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "data/frame.hpp"
#include "data/panel_index.hpp"
#include "data/participation.hpp"

namespace gvcpanel::data {

// xtsum of one variable over the panel's observations where it is not missing. NaN where a
// statistic is undefined (an sd of fewer than two values, no values at all).
struct VariableSummary {
    std::string name;
    std::size_t n = 0;           // observations with a value (xtsum's N)
    double mean = 0;             // overall mean
    double sd = 0;               // overall sd (n - 1 denominator)
    double min = 0, max = 0;     // overall
    std::size_t n_entities = 0;  // entities with at least one value (xtsum's n)
    double between_sd = 0;       // sd of the entity means over entities (n_entities - 1)
    double between_min = 0, between_max = 0;  // of the entity means
    double within_sd = 0;  // sd of x_it - xbar_i + xbar over observations (n - 1)
    double within_min = 0, within_max = 0;  // of x_it - xbar_i + xbar
    double t_bar = 0;                       // n / n_entities
};

struct PanelDescription {
    std::string source;  // the frame's source (file name)
    std::string entity, time;
    std::size_t n_rows = 0;          // rows of the frame
    std::size_t n_observations = 0;  // rows in the panel: entity (and time) present
    std::size_t n_entities = 0;
    std::size_t n_periods = 0;  // periods spanned, first to last, including unobserved ones
    std::string first_period, last_period;
    bool balanced = false;
    std::size_t n_gaps = 0;
    PanelIndex::Spread periods_per_entity;
    Participation participation;             // T_i percentiles and patterns (xtdescribe)
    std::vector<VariableSummary> variables;  // numeric and integer columns except the entity
    std::vector<std::string> text_columns;   // categorical columns, not summarised
};

PanelDescription describe(const Frame& frame, const PanelIndex& panel);
// xtsum of one variable (aligned to frame rows, NaN = missing) over the panel's observations.
VariableSummary summarize(const PanelIndex& panel, const std::vector<double>& x, std::string name);

// The description as text: the panel's structure and participation, then an xtsum table.
std::string render(const PanelDescription& description);

}  // namespace gvcpanel::data
