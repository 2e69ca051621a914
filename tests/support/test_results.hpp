// Finding an estimator's test (hausman, ar2, kp_rk_lm, ...) by name in a fit or a result: a
// missing name is a test failure, not an exception, so the other checks still run.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "estimators/estimate.hpp"

namespace gvcpanel::testing {

inline const estimators::TestResult& test_named(const std::vector<estimators::TestResult>& tests,
                                                const std::string& name) {
    for (const auto& test : tests)
        if (test.name == name) return test;
    ADD_FAILURE() << "no test named " << name;
    static const estimators::TestResult none;
    return none;
}

}  // namespace gvcpanel::testing
