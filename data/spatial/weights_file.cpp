#include "data/spatial/weights_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <unordered_map>

#include "data/csv_header.hpp"
#include "data/error.hpp"
#include "data/read.hpp"

namespace gvcpanel::data {

namespace {

std::string shortest(double value) {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

// CSV quoting for an id (as csv_writer does for text cells).
std::string quoted(const std::string& text) {
    const bool needs = text.find_first_of(",\"\r\n") != std::string::npos ||
                       (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!needs) return text;
    std::string out = "\"";
    for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Ids collected in order of first appearance.
struct UnitList {
    std::vector<std::string> ids;
    std::unordered_map<std::string, arma::uword> position;

    arma::uword add(const std::string& id) {
        const auto [it, inserted] = position.emplace(id, ids.size());
        if (inserted) ids.push_back(id);
        return it->second;
    }
};

// Links named by the i-th and j-th columns (text) and an optional weight column; rows whose j is
// missing only declare unit i (an island of the sparse form).
SpatialWeights links_from_columns(const Frame& frame, const Column& from, const Column& to, const Column* weight,
                                  const std::string& path) {
    UnitList units;
    std::vector<SpatialLink> links;
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        const std::string where = path + ":" + std::to_string(row + 2);
        if (from.is_missing(row)) throw Error(where + ": the first id is missing");
        const arma::uword i = units.add(from.text(row));
        if (to.is_missing(row)) {
            if (weight && !weight->is_missing(row)) throw Error(where + ": a weight without the second id");
            continue;
        }
        const arma::uword j = units.add(to.text(row));
        if (i == j) throw Error(where + ": unit " + units.ids[i] + " is its own neighbour");
        const double w = weight ? weight->number(row) : 1.0;
        if (!std::isfinite(w)) throw Error(where + ": the weight is missing or not a number");
        links.push_back({i, j, w});
    }
    try {
        return weights_from_links(std::move(units.ids), links);
    } catch (const Error& error) {
        throw Error(path + ": " + error.what());
    }
}

SpatialWeights read_dense(const Frame& frame, const std::string& path) {
    const auto names = frame.names();
    const std::size_t n = frame.rows();
    if (names.size() != n + 1)
        throw Error(path + ": neither a sparse weights file (columns id_i,id_j,w) nor a square matrix with a label column (" +
                    std::to_string(n) + " rows, " + std::to_string(names.size() - 1) + " columns after the labels)");
    const Column& labels = frame.column(std::size_t{0});
    std::vector<SpatialLink> links;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i) {
        if (labels.is_missing(i)) throw Error(path + ":" + std::to_string(i + 2) + ": the row label is missing");
        ids.push_back(labels.text(i));
        if (ids[i] != names[i + 1])
            throw Error(path + ":" + std::to_string(i + 2) + ": row " + ids[i] + " where the columns' order asks for " +
                        names[i + 1] + " (rows and columns must list the units in the same order)");
    }
    for (std::size_t j = 0; j < n; ++j) {
        const Column& column = frame.column(j + 1);
        for (std::size_t i = 0; i < n; ++i) {
            const double w = column.number(i);
            if (!std::isfinite(w))
                throw Error(path + ":" + std::to_string(i + 2) + ": column " + names[j + 1] + " is missing or not a number");
            if (i == j && w != 0) throw Error(path + ":" + std::to_string(i + 2) + ": unit " + ids[i] + " is its own neighbour");
            if (w != 0) links.push_back({i, j, w});
        }
    }
    try {
        return weights_from_links(std::move(ids), links);
    } catch (const Error& error) {
        throw Error(path + ": " + error.what());
    }
}

// The column names of a CSV file, read from its first line.
std::vector<std::string> column_names(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot read " + path);
    std::string head;
    std::getline(in, head);
    head += "\n";
    return csv::parse_header(head.data(), head.data() + head.size(), 0, '.', path).names;
}

}  // namespace

void write_weights(const SpatialWeights& weights, const std::string& path) {
    std::ofstream out(path);
    if (!out) throw Error("cannot write " + path);
    out << "id_i,id_j,w\n";
    const arma::sp_mat by_row = weights.W.t();  // columns of W' are rows of W
    for (arma::uword i = 0; i < weights.size(); ++i) {
        if (by_row.col(i).n_nonzero == 0) out << quoted(weights.ids[i]) << ",,\n";
        for (auto it = by_row.begin_col(i); it != by_row.end_col(i); ++it)
            out << quoted(weights.ids[i]) << "," << quoted(weights.ids[it.row()]) << "," << shortest(*it) << "\n";
    }
    if (!out.flush()) throw Error("cannot write " + path);
}

SpatialWeights read_weights(const std::string& path) {
    const auto names = column_names(path);
    const auto has = [&names](const char* name) { return std::find(names.begin(), names.end(), name) != names.end(); };
    if (!has("id_i") || !has("id_j")) {
        ReadOptions options;
        options.threads = 1;
        options.text_columns = {names.front()};
        return read_dense(read_csv(path, options), path);
    }
    if (!has("w")) throw Error(path + ": a sparse weights file needs the columns id_i, id_j and w");
    ReadOptions options;
    options.threads = 1;
    options.columns = {"id_i", "id_j", "w"};
    options.text_columns = {"id_i", "id_j"};
    options.numeric_columns = {"w"};
    const Frame frame = read_csv(path, options);
    return links_from_columns(frame, frame.column("id_i"), frame.column("id_j"), &frame.column("w"), path);
}

SpatialWeights read_edge_list(const std::string& path) {
    const auto names = column_names(path);
    if (names.size() < 2 || names.size() > 3)
        throw Error(path + ": an edge list has two columns (the ids) or three (the ids and a weight), not " +
                    std::to_string(names.size()));
    ReadOptions options;
    options.threads = 1;
    options.text_columns = {names[0], names[1]};
    if (names.size() == 3) options.numeric_columns = {names[2]};
    const Frame frame = read_csv(path, options);
    return links_from_columns(frame, frame.column(names[0]), frame.column(names[1]),
                              names.size() == 3 ? &frame.column(names[2]) : nullptr, path);
}

}  // namespace gvcpanel::data
