// The one comparison helper of the test suites: relative error with an absolute floor near zero,
// printing expected, actual and the digits matched (the log relative error, as NIST scores).
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace gvcpanel::testing {

// Named tolerances, each with its reason.
// Coefficients: the peers print 17 digits and QR/demeaning reproduce them to ~1e-12; 1e-8 leaves
// room for a different (equally exact) factorisation order.
inline constexpr double kCoefRtol = 1e-8;
// Standard errors pass through one more matrix product and a square root; 1e-7 relative.
inline constexpr double kSeRtol = 1e-7;
// Test statistics and p-values from the same covariance: as standard errors, 1e-6 where an issue
// asks for it.
inline constexpr double kStatRtol = 1e-6;
// Below this magnitude a relative error is meaningless; compare absolutely.
inline constexpr double kAbsFloor = 1e-12;

// -log10(|actual - expected| / |expected|), capped at 15; absolute error when expected == 0.
double digits_matched(double actual, double expected);

// gtest predicate: |actual - expected| <= rtol * max(|expected|, floor).
::testing::AssertionResult close(const std::string& what, double actual, double expected,
                                 double rtol, double floor = kAbsFloor);

}  // namespace gvcpanel::testing

#define EXPECT_CLOSE(what, actual, expected, rtol) \
    EXPECT_TRUE(::gvcpanel::testing::close((what), (actual), (expected), (rtol)))
