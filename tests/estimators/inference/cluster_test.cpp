// Multi-way clustering: the inclusion-exclusion terms with the smallest G or their own G, the
// positive-semidefinite fix with its note, and the errors. Scores are chosen so that every term
// can be summed by hand (the sandwich values themselves are checked against sandwich and plm in
// tests/reference/grunfeld_*_test.cpp).
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "estimators/inference/covariance.hpp"

namespace gvcpanel::estimators::inference {
namespace {

models::Grouping grouping(const std::string& name, std::vector<std::int32_t> codes) {
    models::Grouping g;
    g.name = name;
    g.levels = *std::max_element(codes.begin(), codes.end()) + 1;
    g.codes = std::move(codes);
    return g;
}

// 4 observations on a 2 x 2 grid; the first score column cancels within every cluster of A and
// of B, so its two-way meat is 0 + 0 - 4 < 0; the second column is constant.
Estimate grid_estimate() {
    Estimate e;
    e.names = {"a", "b"};
    e.coef = {0.0, 0.0};
    e.bread = arma::eye(2, 2);
    e.scores = {{1, 1}, {-1, 1}, {-1, 1}, {1, 1}};
    e.nobs = 4;
    e.sample.clusters = {grouping("A", {0, 0, 1, 1}), grouping("B", {0, 1, 0, 1})};
    return e;
}

TEST(Cluster, NegativeEigenvaluesAreZeroedAndSaid) {
    const Covariance v = covariance(grid_estimate(), VcovSpec::cluster({"A", "B"}), parse_ssc("none"));
    // Meat of column b: (2^2 + 2^2) + (2^2 + 2^2) - 4 = 12; of column a: 0 + 0 - 4, set to zero.
    EXPECT_DOUBLE_EQ(v.matrix(1, 1), 12.0);
    EXPECT_NEAR(v.matrix(0, 0), 0.0, 1e-14);
    ASSERT_EQ(v.notes.size(), 1u);
    EXPECT_NE(v.notes[0].find("1 negative eigenvalue(s) set to zero"), std::string::npos) << v.notes[0];
}

TEST(Cluster, MultiWayTermsUseTheSmallestGOrTheirOwn) {
    const Estimate e = grid_estimate();
    // G/(G-1) on, (N-1)/(N-K*) off. min: every term 2/(2-1); conventional: A, B 2/1 and A^B 4/3.
    const Covariance smallest = covariance(e, VcovSpec::cluster({"A", "B"}), parse_ssc("adj=0"));
    EXPECT_DOUBLE_EQ(smallest.matrix(1, 1), 2.0 * 8.0 + 2.0 * 8.0 - 2.0 * 4.0);
    const Covariance own = covariance(e, VcovSpec::cluster({"A", "B"}), parse_ssc("adj=0,cluster_df=conventional"));
    EXPECT_DOUBLE_EQ(own.matrix(1, 1), 2.0 * 8.0 + 2.0 * 8.0 - 4.0 / 3.0 * 4.0);
    ASSERT_EQ(own.n_clusters.size(), 2u);
    EXPECT_EQ(own.n_clusters[0], (std::pair<std::string, std::size_t>{"A", 2}));
}

TEST(Cluster, OnlyClustersPresentInTheSampleCount) {
    Estimate e = grid_estimate();
    e.sample.clusters[0].levels = 5;  // levels 2..4 lost from the sample (first differences, subsets)
    const Covariance own = covariance(e, VcovSpec::cluster({"A", "B"}), parse_ssc("adj=0,cluster_df=conventional"));
    EXPECT_DOUBLE_EQ(own.matrix(1, 1), 2.0 * 8.0 + 2.0 * 8.0 - 4.0 / 3.0 * 4.0);
    EXPECT_EQ(own.n_clusters[0].second, 2u);
}

TEST(Cluster, TestsUseTheSmallestGMinusOneUnlessConventional) {
    Estimate e = grid_estimate();
    e.sample.clusters.push_back(grouping("C", {0, 1, 2, 3}));
    e.kind = ModelKind::linear;
    e.scores.col(0) = arma::vec{1, 2, 3, 5};
    EXPECT_EQ(covariance(e, VcovSpec::cluster({"C", "A"}), Ssc{}).df, 1.0);
    EXPECT_EQ(covariance(e, VcovSpec::cluster({"C"}), Ssc{}).df, 3.0);
    EXPECT_EQ(covariance(e, VcovSpec::cluster({"C"}), parse_ssc("t_df=conventional")).df, 4.0 - 2.0);
    e.kind = ModelKind::likelihood;
    EXPECT_TRUE(std::isnan(covariance(e, VcovSpec::cluster({"C"}), Ssc{}).df)) << "likelihood: normal";
}

TEST(Cluster, UnknownVariableSingleClusterAndBadCodesAreErrors) {
    Estimate e = grid_estimate();
    try {
        covariance(e, VcovSpec::cluster({"AA"}), Ssc{});
        FAIL() << "an unknown cluster variable was accepted";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("did you mean 'A'"), std::string::npos) << error.what();
    }
    e.sample.clusters[0].codes = {0, 0, 0, 0};
    EXPECT_THROW(covariance(e, VcovSpec::cluster({"A"}), Ssc{}), Error);
    e.sample.clusters[0].codes = {0, 0, 2, 1};  // A has two levels
    EXPECT_THROW(covariance(e, VcovSpec::cluster({"A"}), Ssc{}), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
