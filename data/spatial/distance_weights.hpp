// Spatial weights from point coordinates: k nearest neighbours (spdep's knearneigh/knn2nb), a
// distance band (dnearneigh with bounds 0 <= d <= D), or every other unit; binary, or inverse
// distance d^-P on those links (nb2listw with glist 1/d^P). Planar (Euclidean) distances, or
// great-circle distances in km for longitude/latitude in degrees. Distances are computed for every
// pair, O(n^2) time and O(n) memory per unit: fine for the tens of thousands of units of regional panels.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/spatial/spatial_weights.hpp"

namespace gvcpanel::data {

struct Coordinates {
    std::vector<std::string> ids;
    std::vector<double> x, y;   // planar x, y; or longitude, latitude in degrees
    bool great_circle = false;  // x, y are longitude and latitude
};

struct DistanceWeightsOptions {
    std::optional<std::size_t> knn;     // the k nearest neighbours of each unit
    std::optional<double> band;         // the units within this distance (km when great_circle)
    std::optional<double> inverse_power;  // weights d^-P instead of 1 (every other unit when neither
                                          //   knn nor band is given)
    // Throws an Error naming the option: knn and band exclusive, k >= 1, band > 0, P > 0, and one
    // of the three given.
    void validate(std::size_t units) const;
};

// The great-circle distance in km between two points given in degrees, by Andoyer-Lambert's
// formula on the WGS-84 ellipsoid (Meeus, Astronomical Algorithms, ch. 11), as spdep's gcdist.
double great_circle_km(double lon1, double lat1, double lon2, double lat2);

double distance(const Coordinates& points, std::size_t i, std::size_t j);

SpatialWeights distance_weights(const Coordinates& points, const DistanceWeightsOptions& options);

}  // namespace gvcpanel::data
