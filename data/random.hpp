// The project's own pseudo-random numbers: xoshiro256** (Blackman and Vigna 2018) seeded through
// splitmix64, and the distributions the simulated panel needs, written here rather than taken from
// <random> because std:: distributions are implementation-defined and differ between standard
// libraries; with these a seed gives the same draws on every platform with an IEEE libm.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace gvcpanel::data {

// Advances `state` by the golden-ratio increment and returns its mixed value (Steele, Lea and
// Flood 2014): the recommended way to expand one 64-bit seed into a xoshiro state.
std::uint64_t splitmix64(std::uint64_t& state);

class Random {
public:
    // The state is four successive splitmix64 outputs from `seed`, as Vigna recommends.
    explicit Random(std::uint64_t seed);
    // A generator in a given state (for checking against the reference implementation's
    // published outputs); the state must not be all zero.
    static Random from_state(const std::array<std::uint64_t, 4>& state);

    // The next raw 64-bit output.
    std::uint64_t next();

    // Uniform on [0, 1) with 53 random bits (every double a multiple of 2^-53).
    double uniform();
    // Uniform on [low, high).
    double uniform(double low, double high);
    // Uniform integer on [0, n), unbiased (rejection of the short last block); n > 0.
    std::uint64_t below(std::uint64_t n);
    // Standard normal by Marsaglia's polar method; the second value of each pair is kept for the
    // next call.
    double normal();
    double normal(double mean, double sd);
    // 1 with probability p, else 0.
    int bernoulli(double p);
    // Poisson with the given mean >= 0: inversion for means below 10, Hormann's PTRS (transformed
    // rejection with squeeze, 1993) above, which is exact and takes O(1) draws for any mean.
    std::int64_t poisson(double mean);
    // An index drawn with probability proportional to `weights` (non-negative, not all zero).
    std::size_t categorical(const std::vector<double>& weights);

private:
    Random() = default;
    std::int64_t poisson_inversion(double mean);
    std::int64_t poisson_ptrs(double mean);

    std::array<std::uint64_t, 4> state_{};
    double spare_normal_ = 0.0;
    bool has_spare_normal_ = false;
};

}  // namespace gvcpanel::data
