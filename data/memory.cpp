#include "data/memory.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

// cgroup v2's memory.max of this process's group ("max" or absent: no limit).
std::size_t control_group_limit() {
    std::ifstream in("/sys/fs/cgroup/memory.max");
    std::string text;
    if (!(in >> text) || text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return 0;
    return static_cast<std::size_t>(std::strtoull(text.c_str(), nullptr, 10));  // saturates, never throws
}

}  // namespace

std::size_t usable_memory() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page_size = ::sysconf(_SC_PAGE_SIZE);
    const std::size_t physical =
        pages > 0 && page_size > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size) : 0;
    const std::size_t limit = control_group_limit();
    if (physical == 0) return limit;
    return limit == 0 ? physical : std::min(physical, limit);
}

std::string memory_text(double bytes) {
    const char* units[] = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
    std::size_t unit = 0;
    while (bytes >= 1024.0 && unit + 1 < std::size(units)) {
        bytes /= 1024.0;
        ++unit;
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.0f %s", bytes, units[unit]);
    return text;
}

void require_memory(double bytes, const std::string& what) {
    const std::size_t usable = usable_memory();
    if (usable == 0 || bytes <= static_cast<double>(usable)) return;
    throw Error(what + " would need about " + memory_text(bytes) + " of memory; this machine has " +
                memory_text(static_cast<double>(usable)));
}

}  // namespace gvcpanel::data
