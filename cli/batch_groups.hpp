// Specifications of a batch that share one fit: those whose requests are equal but for the
// covariance. The runner estimates each group once and infers every member's covariance from that
// fit (cli/run_model), as fixest does with a vector of `vcov`s after one feols call.
#pragma once

#include <vector>

#include "cli/batch_expand.hpp"

namespace gvcpanel::cli {

// The groups in the order of their first member; members keep their order.
std::vector<std::vector<const ExpandedSpec*>> group_by_fit(const std::vector<const ExpandedSpec*>& specs);

}  // namespace gvcpanel::cli
