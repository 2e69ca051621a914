#include "estimators/blas_errors.hpp"

#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "data/error.hpp"

extern "C" void xerbla_(const char* name, const int* argument, int name_length) {
    std::string routine(name, name_length > 0 ? static_cast<std::size_t>(name_length) : 0);
    routine = routine.substr(0, routine.find_first_of(std::string(" \0", 2)));
    const std::string message = "internal error: the BLAS/LAPACK routine " + routine +
                                " was called with an illegal argument " + std::to_string(*argument) +
                                "; please report this with the command that caused it";
    // An exception cannot leave an OpenMP region (GCC calls std::terminate without printing it).
    if (omp_get_level() > 0) {
        std::fprintf(stderr, "gvcpanel: %s\n", message.c_str());
        std::abort();
    }
    throw gvcpanel::Error(message);
}
