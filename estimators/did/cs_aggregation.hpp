// Aggregations of the group-time effects (Callaway and Sant'Anna 2021, section 3; R did 2.1.2's
// aggte): the simple weighted average of post-treatment cells, by cohort, by event time
// (dynamic, with --min-e/--max-e) and by calendar period. Each aggregated parameter is a linear
// combination of the cells' influence functions and, where the weights are estimated cohort
// shares, of w_i 1{G_i = g} (the "wif" of aggte), so its variance and bootstrap draws come from
// the same cross-products as the cells'.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "estimators/did/group_time_effects.hpp"

namespace gvcpanel::estimators::did {

enum class Aggregation { none, simple, group, dynamic, calendar };

// "none", "simple", "group", "dynamic" or "calendar".
Aggregation parse_aggregation(const std::string& text);

struct AggregationOptions {
    Aggregation type = Aggregation::none;
    double min_e = -std::numeric_limits<double>::infinity();  // dynamic: shortest event time kept
    double max_e = std::numeric_limits<double>::infinity();   // dynamic (and, as aggte, simple and group): longest
};

struct AggregatedParameter {
    std::string name;           // "ATT(2004,2005)", "ATT", "event::-1", "cohort::2004", "calendar::2005"
    double estimate = arma::datum::nan;
    arma::vec coefficients;     // over the influence columns of GroupTimeEffects
    bool in_band = false;       // covered by the simultaneous band (the rows of the aggregation)
    bool reference = false;     // the universal base period's own cell, 0 by construction
    bool pre_treatment = false; // event time < 0, or a cell before its cohort starts
};

// In order: the overall ATT (except for none), then the rows of the aggregation. Cells that could
// not be estimated are left out of every aggregation (aggte's na.rm = TRUE); `notes` says so.
std::vector<AggregatedParameter> aggregate_effects(const GroupTimeEffects& effects, const AggregationOptions& options,
                                                   std::vector<std::string>& notes);

}  // namespace gvcpanel::estimators::did
