// One thread setting for the whole program: OpenMP loops and the BLAS (OpenBLAS) together, never
// more than the machine has cores.
#pragma once

#include <string>

namespace gvcpanel::cli {

// `requested` threads or jobs (0 = all cores) bounded by the machine's cores; asking for more than
// there are gets a note on standard error naming `option` ("--threads 10000 is more than the 2
// cores of this machine; using 2").
int machine_threads(int requested, const std::string& option);

// n <= 0 means all cores.
void set_threads(int n);

// The BLAS alone (OpenBLAS): 1 while replicates run in parallel, each on one thread.
void set_blas_threads(int n);

}  // namespace gvcpanel::cli
