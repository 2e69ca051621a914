// Specifications of a batch that share one fit: those whose requests are equal but for the
// covariance. The runner estimates each group once and infers every member's covariance from that
// fit (cli/run_model), as fixest does with a vector of `vcov`s after one feols call.
#pragma once

#include <vector>

#include "cli/batch_expand.hpp"

namespace gvcpanel::cli {

// The groups in the order of their first member; members keep their order.
std::vector<std::vector<const ExpandedSpec*>> group_by_fit(const std::vector<const ExpandedSpec*>& specs);

// The groups reordered (stably) so that those likely to share an estimation sample (the same
// subset, fixed effects, weights and panel) come one after another: their shared work (cli/
// shared_work) is then done once and used while it is still held.
void order_by_sample(std::vector<std::vector<const ExpandedSpec*>>& groups);

}  // namespace gvcpanel::cli
