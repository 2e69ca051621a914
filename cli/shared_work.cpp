#include "cli/shared_work.hpp"

#include <algorithm>

#include "data/memory.hpp"

namespace gvcpanel::cli {

SharedWork::SharedWork(const data::Frame& frame, std::size_t byte_budget)
    : samples(frame, byte_budget / 2), demeaned(byte_budget / 2) {}

std::size_t default_shared_budget(std::size_t rows, std::size_t jobs) {
    const std::size_t wanted = (jobs + 1) * 12 * rows * sizeof(double);
    const std::size_t memory = data::usable_memory();
    return memory == 0 ? wanted : std::min(wanted, memory / 4);
}

}  // namespace gvcpanel::cli
