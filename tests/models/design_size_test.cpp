#include "models/design_size.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"

namespace gvcpanel::models {
namespace {

std::string error_of(std::size_t rows, const std::vector<TermWidth>& terms, std::size_t memory) {
    try {
        check_design_size(rows, terms, memory);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(DesignSize, WidthUpToTheLimitIsAllowed) {
    EXPECT_EQ(error_of(10, {{"(Intercept)", 1}, {"g", kMaxDesignColumns - 1}}, 0), "");
    EXPECT_EQ(error_of(10, {{"(Intercept)", 1}, {"g", kMaxDesignColumns}}, 0),
              "the design would have 100001 columns, more than the 100000 allowed; 'g' alone gives 100000 (a factor: "
              "one column per level; absorb it as a fixed effect after '|', or is it a number column read as text?)");
}

// X (n x k) and X'X (k x k) in doubles: 8 k (n + k) bytes against the machine's memory.
TEST(DesignSize, DenseStepsBeyondTheMemoryAreRefused) {
    constexpr std::size_t kMemory = 16'000'000'000;
    EXPECT_EQ(error_of(1'000'000, {{"x", 1}, {"firm_code", 1990}}, kMemory), "");
    const std::string error = error_of(1'000'000, {{"x", 1}, {"firm_code", 2100}}, kMemory);
    EXPECT_EQ(error, "the design would have 1000000 rows and 2101 columns, whose dense matrices need 16.8 GB, more "
                     "than this machine's 16 GB of memory; 'firm_code' alone gives 2100 (a factor: one column per "
                     "level; absorb it as a fixed effect after '|', or is it a number column read as text?)");
}

}  // namespace
}  // namespace gvcpanel::models
