// Estimation allocates and frees n-long vectors over and over (each IRLS step, each covariance).
// glibc serves blocks above its mmap threshold with fresh mappings, so every such temporary is
// faulted in page by page again (10^6 rows: 60% more page faults and 8% more wall time for a
// Poisson fit with fixed effects). The program keeps freed memory for reuse instead.
#pragma once

namespace gvcpanel::cli {

// Heap blocks up to glibc's largest mmap threshold (32 MB) come from the heap, and freed memory
// is not returned to the system while the program runs. Call once, first thing in main.
void keep_freed_memory_for_reuse();

}  // namespace gvcpanel::cli
