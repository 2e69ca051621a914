// The distinct values of a column as codes in sorted order (numbers numerically, text byte-wise,
// as R sorts factor levels), their combinations (a^b), and their restriction to a sample. Used for
// factor terms, fixed effects and cluster variables.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/frame.hpp"
#include "models/design.hpp"

namespace gvcpanel::models {

struct Levels {
    std::vector<std::int32_t> codes;  // one per frame row: 0..names.size()-1, kMissingCode if missing
    std::vector<std::string> names;   // per code, in sorted order of the values
};

// How a numeric level is written in names: the shortest text that reads back exactly ("1982", "0.5").
std::string level_name(double value);

Levels sorted_levels(const data::Column& column);

// One code per distinct pair present, ordered by a's code then b's; names "a_level^b_level".
Levels combine(const Levels& a, const Levels& b);

// The codes of `rows`, renumbered 0..levels-1 over the levels present there (order kept).
Grouping grouping_on(const Levels& levels, const std::vector<std::size_t>& rows, std::string name);

}  // namespace gvcpanel::models
