// One thread setting for the whole program: OpenMP loops and the BLAS (OpenBLAS) together.
#pragma once

namespace gvcpanel::cli {

// n <= 0 means all cores.
void set_threads(int n);

}  // namespace gvcpanel::cli
