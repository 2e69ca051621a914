#include "cli/threads.hpp"

#include <dlfcn.h>
#include <omp.h>

#include <algorithm>
#include <iostream>

namespace gvcpanel::cli {

int machine_threads(int requested, const std::string& option) {
    const int cores = std::max(1, omp_get_num_procs());
    if (requested <= 0) return cores;
    if (requested <= cores) return requested;
    std::cerr << "note: " << option << " " << requested << " is more than the " << cores
              << (cores == 1 ? " core" : " cores") << " of this machine; using " << cores << "\n";
    return cores;
}

void set_threads(int n) {
    if (n <= 0) n = omp_get_num_procs();
    omp_set_num_threads(n);
    // The BLAS runs on one thread: OpenBLAS splits the sum of a long dot product or of a
    // matrix product with a long inner dimension among its threads, so the last bits of a result
    // would follow --threads. The parallel work is ours, in fixed blocks. OpenBLAS is reached
    // through the BLAS alternative, so its setter is looked up at run time; another BLAS simply
    // has no such symbol and keeps its own setting.
    using Setter = void (*)(int);
    if (auto setter = reinterpret_cast<Setter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        setter(1);
}

}  // namespace gvcpanel::cli
