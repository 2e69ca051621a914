// One thread setting for the whole program, never more than the machine has cores: OpenMP loops
// run on it, the BLAS on one thread (so that no result depends on the thread count).
#pragma once

#include <string>

namespace gvcpanel::cli {

// `requested` threads or jobs (0 = all cores) bounded by the machine's cores; asking for more than
// there are gets a note on standard error naming `option` ("--threads 10000 is more than the 2
// cores of this machine; using 2").
int machine_threads(int requested, const std::string& option);

// n <= 0 means all cores.
void set_threads(int n);

}  // namespace gvcpanel::cli
