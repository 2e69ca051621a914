// The program's xerbla_ (estimators/blas_errors.hpp) is the one the shared BLAS library calls: an
// illegal dgemv call (leading dimension 0, argument 6) becomes a gvcpanel::Error naming the routine
// and the argument, and nothing is printed on standard output.
#include "estimators/blas_errors.hpp"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <string>

#include "data/error.hpp"

namespace gvcpanel::estimators {
namespace {

using Dgemv = void (*)(const char* trans, const int* m, const int* n, const double* alpha, const double* a,
                       const int* lda, const double* x, const int* incx, const double* beta, double* y,
                       const int* incy, std::size_t trans_length);

TEST(BlasErrors, AnIllegalArgumentIsAnErrorNotTextOnStandardOutput) {
    // The BLAS Armadillo uses is loaded with the program; dgemv_ is found where the dynamic linker
    // finds it, so the call goes through the library exactly as Armadillo's does.
    const auto dgemv = reinterpret_cast<Dgemv>(dlsym(RTLD_DEFAULT, "dgemv_"));
    ASSERT_NE(dgemv, nullptr) << "dgemv_ is not loaded";
    const int m = 0, n = 18, lda = 0, one = 1;
    const double alpha = 1, beta = 0, a = 0, x = 0;
    double y[18] = {};
    ::testing::internal::CaptureStdout();
    std::string message;
    try {
        dgemv("T", &m, &n, &alpha, &a, &lda, &x, &one, &beta, y, &one, 1);
    } catch (const Error& e) {
        message = e.what();
    }
    EXPECT_EQ(::testing::internal::GetCapturedStdout(), "");
    EXPECT_NE(message.find("DGEMV"), std::string::npos) << message;
    EXPECT_NE(message.find("illegal argument 6"), std::string::npos) << message;
}

TEST(BlasErrors, TheRoutineNameIsTrimmed) {
    const int argument = 3;
    try {
        xerbla_("DGEMM \0junk", &argument, 11);
        FAIL() << "xerbla_ returned";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("routine DGEMM was called with an illegal argument 3;"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace gvcpanel::estimators
