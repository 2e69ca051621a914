// The work the specifications of a batch share on its one frame: levels, subsets and samples
// (models::SharedSamples) and demeaned columns (estimators::DemeanedStore). run_model takes it;
// a result is the same with or without it.
#pragma once

#include <cstddef>

#include "data/frame.hpp"
#include "estimators/fixed_effects/demeaned_store.hpp"
#include "models/shared_samples.hpp"

namespace gvcpanel::cli {

struct SharedWork {
    // Half of `byte_budget` for the samples, half for the demeaned columns.
    SharedWork(const data::Frame& frame, std::size_t byte_budget);

    models::SharedSamples samples;
    estimators::DemeanedStore demeaned;
};

// Room for twelve columns of `rows` doubles per job and one more (a sample's rows and groupings,
// its demeaned columns), at most a quarter of the machine's memory. Specifications on one sample
// run one after another (cli/batch_groups), so that is enough for them to find their shared work.
std::size_t default_shared_budget(std::size_t rows, std::size_t jobs);

}  // namespace gvcpanel::cli
