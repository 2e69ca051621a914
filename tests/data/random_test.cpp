#include "data/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "data/error.hpp"

namespace gvcpanel::data {
namespace {

// Moments are compared with their sampling error: a draw is off by more than this many standard
// errors with probability below 1e-6 for a correct generator, while a wrong formula (a missing
// factor, a shifted mean) moves the moment by hundreds of standard errors at these sample sizes.
constexpr double kSamplingSigmas = 5.0;
constexpr int kDraws = 200000;

struct Moments {
    double mean = 0, variance = 0, skewness = 0, kurtosis = 0;
};

Moments moments(const std::vector<double>& x) {
    Moments m;
    const double n = static_cast<double>(x.size());
    for (double v : x) m.mean += v / n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (double v : x) {
        const double d = v - m.mean;
        m2 += d * d / n;
        m3 += d * d * d / n;
        m4 += d * d * d * d / n;
    }
    m.variance = m2 * n / (n - 1);
    m.skewness = m3 / std::pow(m2, 1.5);
    m.kurtosis = m4 / (m2 * m2);
    return m;
}

template <class Draw>
std::vector<double> draws(Draw draw, int n = kDraws) {
    std::vector<double> x(static_cast<std::size_t>(n));
    for (auto& v : x) v = static_cast<double>(draw());
    return x;
}

TEST(Splitmix64, MatchesThePublishedOutputsForSeed1234567) {
    // Rosetta Code, "Pseudo-random numbers/Splitmix64": the first five outputs for seed 1234567.
    std::uint64_t state = 1234567;
    for (std::uint64_t expected :
         {6457827717110365317ULL, 3203168211198807973ULL, 9817491932198370423ULL,
          4593380528125082431ULL, 16408922859458223821ULL})
        EXPECT_EQ(splitmix64(state), expected);
}

TEST(Xoshiro256StarStar, MatchesTheReferenceImplementationFromState1234) {
    // Outputs of Vigna's xoshiro256starstar.c from the state {1, 2, 3, 4}, as published with
    // the reference implementation's ports (e.g. the Rust rand_xoshiro test suite).
    auto random = Random::from_state({1, 2, 3, 4});
    for (std::uint64_t expected :
         {11520ULL, 0ULL, 1509978240ULL, 1215971899390074240ULL, 1216172134540287360ULL,
          607988272756665600ULL, 16172922978634559625ULL, 8476171486693032832ULL,
          10595114339597558777ULL, 2904607092377533576ULL})
        EXPECT_EQ(random.next(), expected);
}

TEST(Random, SeedExpandsThroughFourSplitmix64Outputs) {
    Random seeded(1234567);
    auto from_state = Random::from_state({6457827717110365317ULL, 3203168211198807973ULL,
                                          9817491932198370423ULL, 4593380528125082431ULL});
    for (int i = 0; i < 10; ++i) EXPECT_EQ(seeded.next(), from_state.next());
}

TEST(Random, SameSeedSameStreamDifferentSeedDifferentStream) {
    Random a(7), b(7), c(8);
    int same_as_c = 0;
    for (int i = 0; i < 100; ++i) {
        const auto x = a.next();
        EXPECT_EQ(x, b.next());
        same_as_c += x == c.next();
    }
    EXPECT_EQ(same_as_c, 0);
}

TEST(Random, AllZeroStateIsRejected) {
    EXPECT_THROW(Random::from_state({0, 0, 0, 0}), Error);
}

TEST(Random, UniformHasTheMomentsOfU01AndStaysInRange) {
    Random random(1);
    const auto x = draws([&] { return random.uniform(); });
    for (double v : x) ASSERT_TRUE(v >= 0.0 && v < 1.0) << v;
    const auto m = moments(x);
    const double n = kDraws;
    EXPECT_NEAR(m.mean, 0.5, kSamplingSigmas * std::sqrt(1.0 / 12.0 / n));
    // Var(s^2) = (mu4 - sigma^4) / n with mu4 = 1/80 for U(0, 1).
    EXPECT_NEAR(m.variance, 1.0 / 12.0,
                kSamplingSigmas * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n));
    const auto y = draws([&] { return random.uniform(-2.0, 6.0); });
    EXPECT_NEAR(moments(y).mean, 2.0, kSamplingSigmas * std::sqrt(64.0 / 12.0 / n));
}

TEST(Random, BelowIsUniformOnItsRange) {
    Random random(2);
    const std::uint64_t n = 7;
    std::vector<int> counts(n, 0);
    for (int i = 0; i < kDraws; ++i) {
        const auto k = random.below(n);
        ASSERT_LT(k, n);
        ++counts[k];
    }
    const double p = 1.0 / n;
    for (int count : counts)
        EXPECT_NEAR(count / double(kDraws), p, kSamplingSigmas * std::sqrt(p * (1 - p) / kDraws));
    EXPECT_THROW(random.below(0), Error);
}

TEST(Random, NormalHasTheFourMomentsOfTheStandardNormal) {
    Random random(3);
    const auto m = moments(draws([&] { return random.normal(); }));
    const double n = kDraws;
    EXPECT_NEAR(m.mean, 0.0, kSamplingSigmas * std::sqrt(1.0 / n));
    EXPECT_NEAR(m.variance, 1.0, kSamplingSigmas * std::sqrt(2.0 / n));
    EXPECT_NEAR(m.skewness, 0.0, kSamplingSigmas * std::sqrt(6.0 / n));
    EXPECT_NEAR(m.kurtosis, 3.0, kSamplingSigmas * std::sqrt(24.0 / n));
    const auto shifted = moments(draws([&] { return random.normal(10.0, 2.0); }));
    EXPECT_NEAR(shifted.mean, 10.0, kSamplingSigmas * 2.0 / std::sqrt(n));
    EXPECT_NEAR(shifted.variance, 4.0, kSamplingSigmas * 4.0 * std::sqrt(2.0 / n));
}

TEST(Random, BernoulliHasMeanPAndIsCertainAtZeroAndOne) {
    Random random(4);
    for (double p : {0.03, 0.3}) {
        int ones = 0;
        for (int i = 0; i < kDraws; ++i) ones += random.bernoulli(p);
        EXPECT_NEAR(ones / double(kDraws), p, kSamplingSigmas * std::sqrt(p * (1 - p) / kDraws))
            << p;
    }
    for (int i = 0; i < 1000; ++i) {
        EXPECT_EQ(random.bernoulli(0.0), 0);
        EXPECT_EQ(random.bernoulli(1.0), 1);
    }
}

double poisson_probability(double mean, int k) {
    return std::exp(-mean + k * std::log(mean) - std::lgamma(k + 1.0));
}

// Both methods (inversion below 10, PTRS above): mean, variance and the frequency of values
// around the mode against the probability function.
TEST(Random, PoissonMatchesItsMeanVarianceAndProbabilities) {
    Random random(5);
    for (double mean : {0.2, 3.5, 9.9, 10.0, 42.0, 1000.0}) {
        const auto x = draws([&] { return random.poisson(mean); });
        const auto m = moments(x);
        EXPECT_NEAR(m.mean, mean, kSamplingSigmas * std::sqrt(mean / kDraws)) << mean;
        // Var(s^2) = (mu4 - sigma^4) / n with mu4 = mean (1 + 3 mean) for the Poisson.
        EXPECT_NEAR(m.variance, mean,
                    kSamplingSigmas * std::sqrt((mean + 2 * mean * mean) / kDraws))
            << mean;
        const int mode = static_cast<int>(std::floor(mean));
        for (int k : {mode - 1, mode, mode + 2}) {
            if (k < 0) continue;
            double share = 0;
            for (double v : x) share += (v == k) / double(kDraws);
            const double p = poisson_probability(mean, k);
            EXPECT_NEAR(share, p, kSamplingSigmas * std::sqrt(p * (1 - p) / kDraws))
                << "mean " << mean << ", k = " << k;
        }
    }
}

TEST(Random, PoissonOfZeroIsZeroAndNegativeMeansAreRejected) {
    Random random(6);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(random.poisson(0.0), 0);
    EXPECT_THROW(random.poisson(-1.0), Error);
    EXPECT_THROW(random.poisson(std::nan("")), Error);
}

TEST(Random, CategoricalDrawsInProportionToTheWeights) {
    Random random(7);
    const std::vector<double> weights = {1.0, 0.0, 2.0, 3.0, 4.0};
    std::vector<int> counts(weights.size(), 0);
    for (int i = 0; i < kDraws; ++i) ++counts[random.categorical(weights)];
    EXPECT_EQ(counts[1], 0);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double p = weights[i] / 10.0;
        EXPECT_NEAR(counts[i] / double(kDraws), p,
                    kSamplingSigmas * std::sqrt(p * (1 - p) / kDraws))
            << i;
    }
    EXPECT_THROW(random.categorical({0.0, 0.0}), Error);
    EXPECT_THROW(random.categorical({}), Error);
    EXPECT_THROW(random.categorical({1.0, -1.0, 2.0}), Error);
}

}  // namespace
}  // namespace gvcpanel::data
