// The machine's memory, and the check made before a large allocation: a size the machine cannot
// hold is refused up front with what was asked for, instead of the process being killed while it
// allocates (or swapping for hours).
#pragma once

#include <cstddef>
#include <string>

namespace gvcpanel::data {

// Bytes of memory this process may use: the physical memory, or the control group's limit when
// that is lower (a container); 0 when neither can be read.
std::size_t usable_memory();

// Throws an Error when `bytes` (a double, so that sizes beyond 2^64 are still compared) is more
// than usable_memory(): "<what> would need about 250 TB of memory; this machine has 23 GB".
void require_memory(double bytes, const std::string& what);

// "23 GB", "512 MB", "250 TB": bytes in the largest unit that keeps the number at least 1.
std::string memory_text(double bytes);

}  // namespace gvcpanel::data
