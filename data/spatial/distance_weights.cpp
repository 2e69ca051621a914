#include "data/spatial/distance_weights.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/error.hpp"

namespace gvcpanel::data {

void DistanceWeightsOptions::validate(std::size_t units) const {
    if (knn && band) throw Error("weights: --knn and --band are exclusive (the neighbours come from one rule)");
    if (!knn && !band && !inverse_power) throw Error("weights: give --knn K, --band D or --inverse P");
    if (knn && (*knn < 1 || *knn >= units))
        throw Error("weights: --knn " + std::to_string(*knn) + " must be between 1 and the number of units less one (" +
                    std::to_string(units - 1) + ")");
    if (band && !(*band > 0)) throw Error("weights: --band must be a positive distance");
    if (inverse_power && !(*inverse_power > 0)) throw Error("weights: --inverse P needs a positive power P");
}

double great_circle_km(double lon1, double lat1, double lon2, double lat2) {
    constexpr double a = 6378.137;              // WGS-84 equatorial radius, km
    constexpr double f = 1.0 / 298.257223563;   // WGS-84 flattening
    constexpr double radians = M_PI / 180.0;
    if (lat1 == lat2 && lon1 == lon2) return 0.0;
    const double F = (lat1 + lat2) / 2 * radians, G = (lat1 - lat2) / 2 * radians, L = (lon1 - lon2) / 2 * radians;
    const double sinG2 = std::pow(std::sin(G), 2), cosG2 = std::pow(std::cos(G), 2);
    const double sinF2 = std::pow(std::sin(F), 2), cosF2 = std::pow(std::cos(F), 2);
    const double sinL2 = std::pow(std::sin(L), 2), cosL2 = std::pow(std::cos(L), 2);
    const double S = sinG2 * cosL2 + cosF2 * sinL2, C = cosG2 * cosL2 + sinF2 * sinL2;
    const double w = std::atan(std::sqrt(S / C)), R = std::sqrt(S * C) / w;
    const double H1 = (3 * R - 1) / (2 * C), H2 = (3 * R + 1) / (2 * S);
    return 2 * w * a * (1 + f * H1 * sinF2 * cosG2 - f * H2 * cosF2 * sinG2);
}

double distance(const Coordinates& points, std::size_t i, std::size_t j) {
    if (points.great_circle) return great_circle_km(points.x[i], points.y[i], points.x[j], points.y[j]);
    return std::hypot(points.x[i] - points.x[j], points.y[i] - points.y[j]);
}

SpatialWeights distance_weights(const Coordinates& points, const DistanceWeightsOptions& options) {
    const std::size_t n = points.ids.size();
    options.validate(n);
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(points.x[i]) || !std::isfinite(points.y[i]))
            throw Error("weights: unit " + points.ids[i] + " has a missing or non-finite coordinate");
    std::vector<std::vector<SpatialLink>> rows(n);
#pragma omp parallel for schedule(dynamic, 16)
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::pair<double, std::size_t>> others;
        others.reserve(n - 1);
        for (std::size_t j = 0; j < n; ++j)
            if (j != i) others.emplace_back(distance(points, i, j), j);
        if (options.knn) {
            // Ties at the k-th distance go to the unit listed first, so the result is deterministic.
            std::partial_sort(others.begin(), others.begin() + *options.knn, others.end());
            others.resize(*options.knn);
        } else if (options.band) {
            std::erase_if(others, [&](const auto& other) { return other.first > *options.band; });
        }
        for (const auto& [d, j] : others) rows[i].push_back({i, j, options.inverse_power ? std::pow(d, -*options.inverse_power) : 1.0});
    }
    std::vector<SpatialLink> links;
    for (std::size_t i = 0; i < n; ++i) {
        for (const auto& link : rows[i]) {
            if (!std::isfinite(link.weight))
                throw Error("weights: units " + points.ids[i] + " and " + points.ids[link.to] +
                            " share their coordinates: no inverse distance");
            links.push_back(link);
        }
    }
    return weights_from_links(points.ids, links);
}

}  // namespace gvcpanel::data
