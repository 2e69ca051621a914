// Fisher's permutation test: the bounded binomial, the enumeration of every assignment (the p-value
// of a difference in means counted by hand over the 20 splits of 6 values into 3 + 3), and random
// permutations that do not depend on the thread count.
#include "estimators/resampling/permutation_test.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace gvcpanel::estimators::resampling {
namespace {

TEST(PermutationTest, BoundedBinomial) {
    EXPECT_EQ(bounded_binomial(10, 5, 1000), 252u);
    EXPECT_EQ(bounded_binomial(6, 3, 1000), 20u);
    EXPECT_EQ(bounded_binomial(60, 30, 1000), 1001u);  // past the cap
    EXPECT_EQ(bounded_binomial(4, 5, 1000), 0u);
}

const std::vector<double> kValues = {1.0, 4.0, 2.5, 7.0, 3.0, 9.5};

arma::vec mean_difference(const std::vector<std::uint8_t>& labels) {
    double sums[2] = {0, 0}, counts[2] = {0, 0};
    for (std::size_t i = 0; i < labels.size(); ++i) {
        sums[labels[i]] += kValues[i];
        counts[labels[i]] += 1;
    }
    return {sums[1] / counts[1] - sums[0] / counts[0]};
}

TEST(PermutationTest, EnumerationGivesTheExactPValue) {
    const std::vector<std::uint8_t> labels = {0, 0, 0, 1, 1, 1};
    const double observed = mean_difference(labels)(0);
    // Every split by hand: the bit patterns of 6 positions with three ones.
    int reached = 0, total = 0;
    for (unsigned mask = 0; mask < 64; ++mask) {
        if (__builtin_popcount(mask) != 3) continue;
        std::vector<std::uint8_t> split(6);
        for (int i = 0; i < 6; ++i) split[std::size_t(i)] = (mask >> i) & 1u;
        ++total;
        reached += std::fabs(mean_difference(split)(0)) >= std::fabs(observed) - 1e-12;
    }
    const auto result = permutation_test(labels, 1, {.permutations = 100, .seed = 3, .threads = 1}, mean_difference);
    EXPECT_TRUE(result.enumerated);
    EXPECT_EQ(result.reps, 20u);
    EXPECT_EQ(total, 20);
    EXPECT_DOUBLE_EQ(result.observed(0), observed);
    EXPECT_DOUBLE_EQ(result.p(0), double(reached) / 20.0);
}

TEST(PermutationTest, RandomPermutationsDoNotDependOnThreads) {
    const std::vector<std::uint8_t> labels = {0, 0, 0, 1, 1, 1};
    const auto one = permutation_test(labels, 1, {.permutations = 15, .seed = 5, .threads = 1}, mean_difference);
    const auto two = permutation_test(labels, 1, {.permutations = 15, .seed = 5, .threads = 2}, mean_difference);
    EXPECT_FALSE(one.enumerated);  // 20 assignments > 15
    EXPECT_EQ(one.reps, 15u);
    EXPECT_EQ(one.p(0), two.p(0));
    EXPECT_EQ(one.p_greater(0), two.p_greater(0));
}

}  // namespace
}  // namespace gvcpanel::estimators::resampling
