#include "estimators/resampling/wild_weights.hpp"

#include <cmath>

#include "data/error.hpp"
#include "estimators/resampling/replicate_stream.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

const double kWebbPoints[6] = {-std::sqrt(1.5), -1.0, -std::sqrt(0.5), std::sqrt(0.5), 1.0, std::sqrt(1.5)};
const double kRademacherPoints[2] = {-1.0, 1.0};

// Mammen's points (1 -+ sqrt 5)/2, the first with probability (sqrt 5 + 1)/(2 sqrt 5): mean 0,
// variance 1, third moment 1.
double mammen(data::Random& random) {
    const double root5 = std::sqrt(5.0);
    return random.uniform() < (root5 + 1.0) / (2.0 * root5) ? (1.0 - root5) / 2.0 : (1.0 + root5) / 2.0;
}

}  // namespace

WildWeights parse_wild_weights(const std::string& text) {
    if (text == "rademacher") return WildWeights::rademacher;
    if (text == "mammen") return WildWeights::mammen;
    if (text == "webb") return WildWeights::webb;
    if (text == "normal") return WildWeights::normal;
    throw Error("--boot-weights '" + text + "': accepted: rademacher, mammen, webb, normal");
}

const char* name(WildWeights weights) {
    switch (weights) {
        case WildWeights::rademacher: return "rademacher";
        case WildWeights::mammen: return "mammen";
        case WildWeights::webb: return "webb";
        case WildWeights::normal: return "normal";
    }
    return "rademacher";
}

std::uint64_t enumerable_points(WildWeights weights) {
    return weights == WildWeights::rademacher ? 2 : weights == WildWeights::webb ? 6 : 0;
}

bool enumerates(WildWeights weights, std::size_t clusters, std::uint64_t reps) {
    const std::uint64_t points = enumerable_points(weights);
    if (points == 0) return false;
    std::uint64_t total = 1;
    for (std::size_t h = 0; h < clusters; ++h) {
        if (total > reps / points) return false;
        total *= points;
    }
    return total <= reps;
}

arma::mat wild_weight_block(WildWeights weights, std::size_t clusters, std::uint64_t first, std::uint64_t count,
                            std::uint64_t seed, bool enumerated) {
    arma::mat V(clusters, count);
    for (std::uint64_t c = 0; c < count; ++c) {
        double* column = V.colptr(c);
        if (enumerated) {
            const std::uint64_t points = enumerable_points(weights);
            const double* values = points == 2 ? kRademacherPoints : kWebbPoints;
            std::uint64_t index = first + c;
            for (std::size_t h = clusters; h-- > 0;) {
                column[h] = values[index % points];
                index /= points;
            }
            continue;
        }
        data::Random random = replicate_stream(seed, first + c);
        for (std::size_t h = 0; h < clusters; ++h) {
            switch (weights) {
                case WildWeights::rademacher: column[h] = random.next() >> 63 ? 1.0 : -1.0; break;
                case WildWeights::mammen: column[h] = mammen(random); break;
                case WildWeights::webb: column[h] = kWebbPoints[random.below(6)]; break;
                case WildWeights::normal: column[h] = random.normal(); break;
            }
        }
    }
    return V;
}

}  // namespace gvcpanel::estimators::resampling
