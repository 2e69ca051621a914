// `gvcpanel weights`: a spatial weights matrix from point coordinates (k nearest neighbours, a
// distance band, inverse distances; planar or great-circle) or from an edge list, row-standardised
// on request, written as the sparse `id_i,id_j,w` file that `fit --spatial` reads; islands and
// asymmetric links are reported on standard error (docs/spatial.md).
#include <boost/program_options.hpp>
#include <iostream>
#include <optional>
#include <unordered_set>

#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "data/spatial/distance_weights.hpp"
#include "data/spatial/weights_file.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

struct CoordinateColumns {
    std::string path, id, x, y;
    bool great_circle = false;
};

data::Coordinates read_coordinates(const CoordinateColumns& columns) {
    if (columns.id.empty() || columns.x.empty() || columns.y.empty())
        throw Error("weights --coords F needs --id, --x and --y (the unit and its two coordinates)");
    data::ReadOptions options;
    options.columns = {columns.id, columns.x, columns.y};
    options.text_columns = {columns.id};
    options.numeric_columns = {columns.x, columns.y};
    const data::Frame frame = data::read_csv(columns.path, options);
    data::Coordinates points;
    points.great_circle = columns.great_circle;
    std::unordered_set<std::string> seen;
    const auto& id = frame.column(columns.id);
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        const std::string where = columns.path + ":" + std::to_string(row + 2);
        if (id.is_missing(row)) throw Error(where + ": the id is missing");
        if (!seen.insert(id.text(row)).second) throw Error(where + ": unit " + id.text(row) + " appears twice");
        points.ids.push_back(id.text(row));
        points.x.push_back(frame.column(columns.x).number(row));
        points.y.push_back(frame.column(columns.y).number(row));
        if (!std::isfinite(points.x.back()) || !std::isfinite(points.y.back()))
            throw Error(where + ": a coordinate of unit " + points.ids.back() + " is missing");
        if (columns.great_circle && (std::abs(points.y.back()) > 90 || std::abs(points.x.back()) > 360))
            throw Error(where + ": --great-circle reads --x as longitude and --y as latitude in degrees; (" +
                        frame.column(columns.x).text(row) + ", " + frame.column(columns.y).text(row) + ") is not");
    }
    return points;
}

void report(const data::SpatialWeights& weights, const std::string& out, bool standardized) {
    const auto alone = data::islands(weights);
    std::cerr << "wrote " << out << ": " << weights.size() << " units, " << weights.W.n_nonzero << " links (mean "
              << (weights.size() ? double(weights.W.n_nonzero) / double(weights.size()) : 0.0) << " neighbours)"
              << (standardized ? ", row-standardised" : "") << "\n";
    if (!alone.empty()) {
        std::cerr << "islands (units without a neighbour): " << alone.size() << ":";
        for (std::size_t i = 0; i < alone.size() && i < 20; ++i) std::cerr << " " << alone[i];
        std::cerr << (alone.size() > 20 ? " ..." : "") << "\n";
    }
    if (const auto asymmetric = data::asymmetric_links(weights))
        std::cerr << "asymmetric: " << asymmetric << " links (i, j) whose weight differs from that of (j, i)"
                  << (standardized ? " (after row standardisation)" : "") << "\n";
}

}  // namespace

int run_weights(const Args& args) {
    CoordinateColumns coordinates;
    std::string edges, out;
    std::optional<std::size_t> knn;
    std::optional<double> band, inverse;
    bool standardize = false;
    po::options_description options(
        "gvcpanel weights (--coords F --id v --x lon --y lat (--knn K | --band D | --inverse P) [--great-circle] | "
        "--edges F) [--row-standardize] --out W.csv");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("coords", po::value(&coordinates.path), "points: one row per unit with its id and two coordinates")
        ("id", po::value(&coordinates.id), "--coords: the unit id column")
        ("x", po::value(&coordinates.x), "--coords: the x (or longitude) column")
        ("y", po::value(&coordinates.y), "--coords: the y (or latitude) column")
        ("knn", po::value<std::size_t>()->notifier([&knn](std::size_t k) { knn = k; }), "the K nearest neighbours of each unit")
        ("band", po::value<double>()->notifier([&band](double d) { band = d; }), "neighbours within distance D (km with --great-circle)")
        ("inverse", po::value<double>()->notifier([&inverse](double p) { inverse = p; }),
         "weights d^-P on the links (every other unit when neither --knn nor --band is given)")
        ("great-circle", po::bool_switch(&coordinates.great_circle),
         "x and y are longitude and latitude in degrees: great-circle distances in km")
        ("edges", po::value(&edges), "an edge list: id_i, id_j and an optional weight (1 without) per line")
        ("row-standardize", po::bool_switch(&standardize), "divide each row by its sum (spdep's style W)")
        ("out", po::value(&out)->required(), "the sparse weights file to write (id_i,id_j,w)");
    // clang-format on
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, nullptr, "See docs/spatial.md.\n"}, values)) return 0;
    if (coordinates.path.empty() == edges.empty()) throw Error("weights: give either --coords F or --edges F");
    data::SpatialWeights weights;
    if (!edges.empty()) {
        if (knn || band || inverse || coordinates.great_circle)
            throw Error("weights --edges: --knn, --band, --inverse and --great-circle apply to --coords");
        weights = data::read_edge_list(edges);
    } else {
        data::DistanceWeightsOptions rule;
        rule.knn = knn;
        rule.band = band;
        rule.inverse_power = inverse;
        weights = data::distance_weights(read_coordinates(coordinates), rule);
    }
    if (standardize) data::row_standardize(weights);
    data::write_weights(weights, out);
    report(weights, out, standardize);
    return 0;
}

}  // namespace gvcpanel::cli
