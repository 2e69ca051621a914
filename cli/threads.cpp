#include "cli/threads.hpp"

#include <dlfcn.h>
#include <omp.h>

namespace gvcpanel::cli {

void set_threads(int n) {
    if (n <= 0) n = omp_get_num_procs();
    omp_set_num_threads(n);
    set_blas_threads(n);
}

void set_blas_threads(int n) {
    if (n <= 0) n = omp_get_num_procs();
    // OpenBLAS is reached through the BLAS alternative, so its setter is looked up at run time;
    // another BLAS simply has no such symbol and keeps its own setting.
    using Setter = void (*)(int);
    if (auto setter = reinterpret_cast<Setter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        setter(n);
}

}  // namespace gvcpanel::cli
