#include "support/compare.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gvcpanel::testing {

double digits_matched(double actual, double expected) {
    if (actual == expected) return 15.0;
    const double error = expected == 0.0 ? std::fabs(actual)
                                         : std::fabs(actual - expected) / std::fabs(expected);
    return std::clamp(-std::log10(error), 0.0, 15.0);
}

::testing::AssertionResult close(const std::string& what, double actual, double expected,
                                 double rtol, double floor) {
    const double scale = std::max(std::fabs(expected), floor);
    std::ostringstream message;
    message.precision(17);
    message << what << ": expected " << expected << ", actual " << actual << ", digits matched "
            << digits_matched(actual, expected) << ", tolerance " << rtol;
    if (std::isfinite(actual) && std::fabs(actual - expected) <= rtol * scale)
        return ::testing::AssertionSuccess() << message.str();
    return ::testing::AssertionFailure() << message.str();
}

}  // namespace gvcpanel::testing
