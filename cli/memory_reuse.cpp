#include "cli/memory_reuse.hpp"

#include <malloc.h>

namespace gvcpanel::cli {

namespace {

constexpr int kLargestMmapThreshold = 32 * 1024 * 1024;  // glibc's limit on 64-bit systems
constexpr int kNeverTrim = -1;                           // M_TRIM_THRESHOLD: no trimming

}  // namespace

void keep_freed_memory_for_reuse() {
    mallopt(M_MMAP_THRESHOLD, kLargestMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kNeverTrim);
}

}  // namespace gvcpanel::cli
