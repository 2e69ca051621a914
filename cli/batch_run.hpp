// Runs the specifications of a batch that the store does not hold yet, in parallel on a pool of
// threads over one frame read once. A specification that fails (bad formula or filter, collinear,
// no convergence) is stored with its error and the others go on.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/batch_expand.hpp"
#include "cli/batch_store.hpp"
#include "data/frame.hpp"

namespace gvcpanel::cli {

struct BatchRunOptions {
    int jobs = 0;               // specifications estimated at once; 0 = all cores (each fit then uses one thread)
    bool retry_failed = false;  // rerun specifications the store holds as failed
    bool progress_terminal = false;  // redraw one progress line (standard error is a terminal)
    std::size_t shared_bytes = 0;    // memory for work shared among specifications (cli/shared_work);
                                     //   0 = default_shared_budget

    void validate() const;
};

struct BatchRunCounts {
    std::size_t estimated = 0;  // run now
    std::size_t skipped = 0;    // already in the store
    std::size_t failed = 0;     // run now and failed
};

// `stored`: the store's lines by id at the start (read_store).
BatchRunCounts run_specifications(const std::vector<ExpandedSpec>& specs, const data::Frame& frame,
                                  const std::map<std::string, nlohmann::ordered_json>& stored,
                                  ResultStore& store, const BatchRunOptions& options);

}  // namespace gvcpanel::cli
