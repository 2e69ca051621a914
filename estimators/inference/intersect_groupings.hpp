// The intersection of several groupings (cluster variables, fixed effects): one code per
// combination of levels present in the sample, so that its count is the G of the intersection.
// Used by the multi-way cluster covariance and the wild cluster bootstrap.
#pragma once

#include <cstdint>
#include <vector>

#include "models/design.hpp"

namespace gvcpanel::estimators::inference {

// Codes 0..levels-1 of the intersection, numbered in order of first appearance; `groupings` not
// empty, every one with as many codes as the first.
std::vector<std::int32_t> intersect(const std::vector<const models::Grouping*>& groupings, std::size_t& levels);

}  // namespace gvcpanel::estimators::inference
