// One thread setting for the whole program: OpenMP loops and the BLAS (OpenBLAS) together.
#pragma once

namespace gvcpanel::cli {

// n <= 0 means all cores.
void set_threads(int n);

// The BLAS alone (OpenBLAS): 1 while replicates run in parallel, each on one thread.
void set_blas_threads(int n);

}  // namespace gvcpanel::cli
