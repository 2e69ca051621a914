#include "data/random.hpp"

#include <cmath>
#include <string>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

std::uint64_t rotate_left(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

// log(k!) for the PTRS acceptance test, by direct sum below 10 and the Stirling series with four
// correction terms above (absolute error below 1e-12 at k = 10, at rounding level from k = 20), so
// the result does not depend on the platform's lgamma.
double log_factorial(std::int64_t k) {
    if (k < 10) {
        double sum = 0.0;
        for (std::int64_t i = 2; i <= k; ++i) sum += std::log(static_cast<double>(i));
        return sum;
    }
    const double x = static_cast<double>(k);
    const double x2 = x * x;
    constexpr double half_log_two_pi = 0.91893853320467274178;
    return (x + 0.5) * std::log(x) - x + half_log_two_pi +
           (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * x2)) / x2) / x2) / x;
}

}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

Random::Random(std::uint64_t seed) {
    for (auto& word : state_) word = splitmix64(seed);
}

Random Random::from_state(const std::array<std::uint64_t, 4>& state) {
    if (state == std::array<std::uint64_t, 4>{})
        throw Error("xoshiro256** cannot start from the all-zero state");
    Random random;
    random.state_ = state;
    return random;
}

std::uint64_t Random::next() {
    const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotate_left(state_[3], 45);
    return result;
}

double Random::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Random::uniform(double low, double high) {
    return low + (high - low) * uniform();
}

std::uint64_t Random::below(std::uint64_t n) {
    if (n == 0) throw Error("Random::below: the range [0, n) is empty (n = 0)");
    // 2^64 mod n: outputs below it belong to an incomplete last block and are redrawn.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t r = next();
        if (r >= threshold) return r % n;
    }
}

double Random::normal() {
    if (has_spare_normal_) {
        has_spare_normal_ = false;
        return spare_normal_;
    }
    double u = 0.0, v = 0.0, s = 0.0;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_normal_ = v * factor;
    has_spare_normal_ = true;
    return u * factor;
}

double Random::normal(double mean, double sd) {
    return mean + sd * normal();
}

int Random::bernoulli(double p) {
    return uniform() < p ? 1 : 0;
}

std::int64_t Random::poisson(double mean) {
    if (!(mean >= 0.0) || std::isinf(mean))
        throw Error("Random::poisson: the mean must be finite and >= 0, not " +
                    std::to_string(mean));
    return mean < 10.0 ? poisson_inversion(mean) : poisson_ptrs(mean);
}

std::int64_t Random::poisson_inversion(double mean) {
    const double u = uniform();
    double p = std::exp(-mean);
    double cdf = p;
    std::int64_t k = 0;
    // The probabilities underflow to zero long before k overflows, which ends the search when
    // rounding leaves the cumulated sum just below u.
    while (u >= cdf && p > 0.0) {
        ++k;
        p *= mean / static_cast<double>(k);
        cdf += p;
    }
    return k;
}

// Hormann (1993), "The transformed rejection method for generating Poisson random variables",
// Insurance: Mathematics and Economics 12, algorithm PTRS with the constants of its table.
std::int64_t Random::poisson_ptrs(double mean) {
    const double sqrt_mean = std::sqrt(mean);
    const double log_mean = std::log(mean);
    const double b = 0.931 + 2.53 * sqrt_mean;
    const double a = -0.059 + 0.02483 * b;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double v_r = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = uniform() - 0.5;
        const double v = uniform();
        const double us = 0.5 - std::abs(u);
        const auto k = static_cast<std::int64_t>(std::floor((2.0 * a / us + b) * u + mean + 0.43));
        if (us >= 0.07 && v <= v_r) return k;
        if (k < 0 || (us < 0.013 && v > us)) continue;
        if (std::log(v * inv_alpha / (a / (us * us) + b)) <=
            -mean + static_cast<double>(k) * log_mean - log_factorial(k))
            return k;
    }
}

std::size_t Random::categorical(const std::vector<double>& weights) {
    double total = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (!(weights[i] >= 0.0))
            throw Error("Random::categorical: weight " + std::to_string(i) + " is " +
                        std::to_string(weights[i]) + "; weights must be non-negative");
        total += weights[i];
    }
    if (!(total > 0.0) || std::isinf(total))
        throw Error("Random::categorical: the weights must have a positive, finite sum");
    const double target = uniform() * total;
    double cumulative = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] == 0.0) continue;
        cumulative += weights[i];
        last_positive = i;
        if (target < cumulative) return i;
    }
    return last_positive;
}

}  // namespace gvcpanel::data
