// `fit --margins-over`: the moderator's distribution in the data, for the rug of `plot margins`.
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::cli {

// The 0th, 1st, ..., 100th percentiles (R's type 7) of the moderator's non-missing values in
// `frame`, into each result's stats["moderator_percentiles"] when the result has Johnson-Neyman
// entries. The moderator is read from `margins_over` ("z = ...").
void add_moderator_percentiles(std::vector<estimators::Result>& results, const data::Frame& frame,
                               const std::string& margins_over);

}  // namespace gvcpanel::cli
