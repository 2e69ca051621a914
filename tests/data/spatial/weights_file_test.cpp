// Reading and writing spatial weights: the sparse file round-trips, the dense square form (splm's
// usaww) reads to the same links, and every malformed file is refused with its line.
#include "data/spatial/weights_file.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

std::string write_file(const std::string& text) {
    const std::string path = testing::temp_dir() + "/w.csv";
    std::ofstream(path) << text;
    return path;
}

std::string error_of(const std::string& text, bool edges = false) {
    try {
        edges ? read_edge_list(write_file(text)) : read_weights(write_file(text));
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(WeightsFile, SparseRoundTripKeepsIslandsAndDigits) {
    SpatialWeights weights = weights_from_links({"a", "b,c", "d"}, {{0, 1, 1.0 / 3}, {1, 0, 0.1}});
    const std::string path = testing::temp_dir() + "/round.csv";
    write_weights(weights, path);
    const auto read = read_weights(path);
    EXPECT_EQ(read.ids, weights.ids);
    EXPECT_EQ(read.W(0, 1), 1.0 / 3);  // shortest round-trip digits
    EXPECT_EQ(read.W(1, 0), 0.1);
    EXPECT_EQ(islands(read), std::vector<std::string>{"d"});
}

TEST(WeightsFile, DenseMatrixWithLabels) {
    const auto read = read_weights(write_file("state,A,B,C\nA,0,0.5,0.5\nB,1,0,0\nC,1,0,0\n"));
    EXPECT_EQ(read.ids, (std::vector<std::string>{"A", "B", "C"}));
    EXPECT_EQ(read.W.n_nonzero, 4u);
    EXPECT_EQ(read.W(0, 2), 0.5);
    EXPECT_TRUE(is_row_standardized(read));
    EXPECT_EQ(asymmetric_links(read), 4u);
}

TEST(WeightsFile, RefusesMalformedFiles) {
    EXPECT_NE(error_of("id_i,id_j,w\na,b,1\na,b,2\n").find("the link a -> b is given 2 times"), std::string::npos);
    EXPECT_NE(error_of("id_i,id_j,w\na,a,1\n").find(":2: unit a is its own neighbour"), std::string::npos);
    EXPECT_NE(error_of("id_i,id_j,w\na,b,NA\n").find(":2: the weight is missing"), std::string::npos);
    EXPECT_NE(error_of("id_i,id_j\na,b\n").find("needs the columns id_i, id_j and w"), std::string::npos);
    EXPECT_NE(error_of("s,A,B\nA,0,1\n").find("neither a sparse weights file"), std::string::npos);
    EXPECT_NE(error_of("s,A,B\nB,0,1\nA,1,0\n").find("same order"), std::string::npos);
    EXPECT_NE(error_of("s,A,B\nA,1,1\nB,1,0\n").find("its own neighbour"), std::string::npos);
    EXPECT_NE(error_of("from,to,w,extra\na,b,1,2\n", true).find("an edge list has two columns"), std::string::npos);
}

TEST(WeightsFile, EdgeListWithAndWithoutWeights) {
    const auto binary = read_edge_list(write_file("from,to\n1,2\n2,1\n2,3\n"));
    EXPECT_EQ(binary.ids, (std::vector<std::string>{"1", "2", "3"}));
    EXPECT_EQ(binary.W(1, 2), 1.0);
    EXPECT_EQ(islands(binary), std::vector<std::string>{"3"});
    const auto weighted = read_edge_list(write_file("from,to,trade\nx,y,2.5\n"));
    EXPECT_EQ(weighted.W(0, 1), 2.5);
}

TEST(WeightsFile, OrderedForThePanelOrRefused) {
    const auto weights = weights_from_links({"a", "b", "c"}, {{0, 1, 1}, {2, 0, 3}});
    const arma::sp_mat W = weights_in_order(weights, {"c", "a", "b"}, "the panel's entities");
    EXPECT_EQ(W(1, 2), 1.0);  // a -> b
    EXPECT_EQ(W(0, 1), 3.0);  // c -> a
    try {
        weights_in_order(weights, {"a", "b"}, "the panel's entities");
        FAIL() << "a unit of W outside the panel was accepted";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("units not among the panel's entities: c"), std::string::npos) << error.what();
    }
    EXPECT_THROW(weights_in_order(weights, {"a", "b", "c", "d"}, "the panel's entities"), Error);
}

}  // namespace
}  // namespace gvcpanel::data
