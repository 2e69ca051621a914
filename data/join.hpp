// A left join of a table of measures onto the data by key columns (`fit --merge FILE --on "k1 k2"`):
// every row of the data keeps its place; the other columns of the measures are added, missing where
// no row of the measures has the row's keys. Keys compare as written (text(): 2015 = 2015, "0011"
// stays "0011"). A key repeated in the measures, a key column absent from either side, or a
// measure column that the data already have is an Error saying which.
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"

namespace gvcpanel::data {

Frame left_join(Frame data, const Frame& measures, const std::vector<std::string>& keys);

}  // namespace gvcpanel::data
