#include "cli/shared_work.hpp"

#include <unistd.h>

#include <algorithm>

namespace gvcpanel::cli {

SharedWork::SharedWork(const data::Frame& frame, std::size_t byte_budget)
    : samples(frame, byte_budget / 2), demeaned(byte_budget / 2) {}

std::size_t default_shared_budget(std::size_t rows, std::size_t jobs) {
    const std::size_t wanted = (jobs + 1) * 12 * rows * sizeof(double);
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page_size = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page_size <= 0) return wanted;
    return std::min(wanted, static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size) / 4);
}

}  // namespace gvcpanel::cli
