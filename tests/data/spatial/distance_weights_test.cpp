// Weights from coordinates against R spdep 1.2-7 (knearneigh/knn2nb, dnearneigh, nbdists, nb2listw;
// tests/fixtures/spatial/make_weights_fixtures.R) on 40 planar points and 30 longitude/latitude points.
#include "data/spatial/distance_weights.hpp"

#include <gtest/gtest.h>

#include <map>

#include "data/error.hpp"
#include "data/read.hpp"
#include "data/spatial/weights_file.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/run_program.hpp"

namespace gvcpanel::data {
namespace {

// Neighbour sets must be identical; weights are the same arithmetic (a distance, a power, a row sum
// in another order): 1e-12 relative.
constexpr double kWeightRtol = 1e-12;

Coordinates points(const std::string& file, const std::string& x, const std::string& y, bool great_circle) {
    ReadOptions options;
    options.text_columns = {"id"};
    const Frame frame = read_csv(testing::fixture("spatial/" + file), options);
    Coordinates coordinates;
    coordinates.great_circle = great_circle;
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        coordinates.ids.push_back(frame.column("id").text(row));
        coordinates.x.push_back(frame.column(x).number(row));
        coordinates.y.push_back(frame.column(y).number(row));
    }
    return coordinates;
}

using Links = std::map<std::pair<std::string, std::string>, double>;

Links links_of(const SpatialWeights& weights) {
    Links links;
    for (auto it = weights.W.begin(); it != weights.W.end(); ++it)
        links[{weights.ids[it.row()], weights.ids[it.col()]}] = *it;
    return links;
}

void expect_reference(const SpatialWeights& weights, const std::string& name) {
    const auto reference = testing::read_json(testing::fixture("spatial/weights_reference.json"))[name];
    Links expected;
    for (std::size_t l = 0; l < reference["id_i"].size(); ++l)
        expected[{reference["id_i"][l].get<std::string>(), reference["id_j"][l].get<std::string>()}] =
            reference["w"][l].get<double>();
    const Links actual = links_of(weights);
    ASSERT_EQ(actual.size(), expected.size()) << name;
    for (const auto& [pair, w] : expected) {
        const auto it = actual.find(pair);
        ASSERT_NE(it, actual.end()) << name << ": missing link " << pair.first << " -> " << pair.second;
        EXPECT_CLOSE(name + " " + pair.first + " -> " + pair.second, it->second, w, kWeightRtol);
    }
    EXPECT_EQ(islands(weights), reference["islands"].get<std::vector<std::string>>()) << name;
}

TEST(DistanceWeights, NearestNeighboursAsSpdep) {
    DistanceWeightsOptions options;
    options.knn = 4;
    auto weights = distance_weights(points("points.csv", "x", "y", false), options);
    expect_reference(weights, "knn4");
    EXPECT_GT(asymmetric_links(weights), 0u);  // k-NN relations are not symmetric in general
    row_standardize(weights);
    EXPECT_TRUE(is_row_standardized(weights));
    expect_reference(weights, "knn4_w");
}

TEST(DistanceWeights, BandWithIslandsAndInverseDistanceAsSpdep) {
    DistanceWeightsOptions options;
    options.band = 2;
    const auto coordinates = points("points.csv", "x", "y", false);
    const auto binary = distance_weights(coordinates, options);
    expect_reference(binary, "band2");
    EXPECT_EQ(asymmetric_links(binary), 0u);
    options.inverse_power = 2;
    auto inverse = distance_weights(coordinates, options);
    row_standardize(inverse);
    expect_reference(inverse, "band2_inverse2_w");
}

TEST(DistanceWeights, GreatCircleAsSpdep) {
    const auto coordinates = points("lonlat.csv", "lon", "lat", true);
    EXPECT_CLOSE("great-circle km c01-c02", distance(coordinates, 0, 1),
                 testing::read_json(testing::fixture("spatial/weights_reference.json"))["gc_distance_c01_c02"].get<double>(),
                 kWeightRtol);
    DistanceWeightsOptions options;
    options.knn = 3;
    expect_reference(distance_weights(coordinates, options), "gc_knn3");
    options.knn.reset();
    options.band = 600;
    options.inverse_power = 1;
    expect_reference(distance_weights(coordinates, options), "gc_band600_inverse1");
}

TEST(DistanceWeights, RefusesBadRules) {
    const auto coordinates = points("points.csv", "x", "y", false);
    DistanceWeightsOptions options;
    EXPECT_THROW(distance_weights(coordinates, options), Error);
    options.knn = 40;  // only 39 other units
    EXPECT_THROW(distance_weights(coordinates, options), Error);
    options.band = 1;
    options.knn = 2;
    EXPECT_THROW(distance_weights(coordinates, options), Error);
    Coordinates twins{{"a", "b"}, {1, 1}, {2, 2}, false};
    DistanceWeightsOptions inverse;
    inverse.inverse_power = 1;
    EXPECT_THROW(distance_weights(twins, inverse), Error);
}

TEST(WeightsCommand, WritesWhatFitReads) {
    const std::string out = testing::temp_dir() + "/w.csv";
    const auto run = testing::run_program("weights --coords " + testing::fixture("spatial/points.csv") +
                                          " --id id --x x --y y --knn 4 --row-standardize --out " + out);
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find("40 units, 160 links"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("asymmetric"), std::string::npos) << run.err;
    expect_reference(read_weights(out), "knn4_w");

    const auto band = testing::run_program("weights --coords " + testing::fixture("spatial/points.csv") +
                                           " --id id --x x --y y --band 2 --out " + out);
    ASSERT_EQ(band.status, 0) << band.err;
    EXPECT_NE(band.err.find("islands (units without a neighbour): 2: p02 p22"), std::string::npos) << band.err;
    const auto read = read_weights(out);
    EXPECT_EQ(read.size(), 40u);  // the islands' lines keep them in the file
    expect_reference(read, "band2");

    const auto refused = testing::run_program("weights --coords " + testing::fixture("spatial/bad_latitude.csv") + " --id id --x lon --y lat --great-circle --knn 1 --out " + out);
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("is not"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace gvcpanel::data
