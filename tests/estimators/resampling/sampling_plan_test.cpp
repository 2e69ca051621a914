// Sampling plans: units as clusters, strata respected by every draw (each stratum keeps its number
// of clusters), copies numbered per drawn unit, the jackknife's deletions, and the errors.
#include "estimators/resampling/sampling_plan.hpp"

#include <gtest/gtest.h>

#include <set>

#include "data/error.hpp"
#include "estimators/resampling/replicate_stream.hpp"

namespace gvcpanel::estimators::resampling {
namespace {

TEST(SamplingPlan, ClustersAreUnitsAndDrawsKeepEachStratumsSize) {
    // Clusters 0..4 (codes 10, 11, 12, 13, 14 with 2, 1, 3, 1, 2 rows); strata {10, 11} and {12, 13, 14}.
    const std::vector<std::int32_t> clusters = {10, 10, 11, 12, 12, 12, 13, 14, 14};
    const std::vector<std::int32_t> strata = {0, 0, 0, 1, 1, 1, 1, 1, 1};
    const auto plan = cluster_plan(clusters, "firm", strata);
    ASSERT_EQ(plan.units(), 5u);
    ASSERT_EQ(plan.strata(), 2u);
    for (std::uint64_t r = 0; r < 50; ++r) {
        auto stream = replicate_stream(1, r);
        const Draw draw = draw_units(plan, stream);
        std::set<std::uint32_t> first_stratum_copies, copies;
        for (std::size_t a = 0; a < draw.rows.size(); ++a) {
            copies.insert(draw.copy[a]);
            if (strata[draw.rows[a]] == 0) first_stratum_copies.insert(draw.copy[a]);
        }
        EXPECT_EQ(copies.size(), 5u) << "one copy per drawn cluster";
        EXPECT_EQ(first_stratum_copies.size(), 2u) << "stratum 0 draws its 2 clusters";
        // Rows of one copy are one whole cluster.
        for (const auto c : copies) {
            std::set<std::int32_t> codes;
            std::size_t rows = 0;
            for (std::size_t a = 0; a < draw.rows.size(); ++a)
                if (draw.copy[a] == c) {
                    codes.insert(clusters[draw.rows[a]]);
                    ++rows;
                }
            ASSERT_EQ(codes.size(), 1u);
            EXPECT_EQ(rows, static_cast<std::size_t>(std::count(clusters.begin(), clusters.end(), *codes.begin())));
        }
        EXPECT_EQ(arma::accu(draw.frequencies(clusters.size())), static_cast<double>(draw.rows.size()));
    }
}

TEST(SamplingPlan, LeaveOutDropsOneClusterAndKeepsTheOrder) {
    const auto plan = cluster_plan({3, 1, 3, 2, 1}, "g");
    ASSERT_EQ(plan.units(), 3u);  // units in order of first appearance: 3, 1, 2
    const Draw without_first = leave_out(plan, 0);
    EXPECT_EQ(without_first.rows, (std::vector<std::size_t>{1, 3, 4}));
    EXPECT_EQ(without_first.copy, (std::vector<std::uint32_t>{0, 1, 0}));
    EXPECT_THROW(leave_out(plan, 3), Error);
}

TEST(SamplingPlan, NegativeCodesBelongToNoUnit) {
    const auto plan = cluster_plan({-1, 0, 0, -1, 1}, "g");
    EXPECT_EQ(plan.units(), 2u);
    EXPECT_EQ(plan.rows, (std::vector<std::size_t>{1, 2, 4}));
}

TEST(SamplingPlan, Errors) {
    EXPECT_THROW(cluster_plan({0, 0, 0}, "g"), Error) << "a single cluster";
    EXPECT_THROW(cluster_plan({0, 0, 1}, "g", {0, 1, 1}), Error) << "a cluster in two strata";
    EXPECT_THROW(pairs_plan(0), Error);
    EXPECT_THROW(pairs_plan(3, {0, 1}), Error) << "strata of the wrong length";
}

}  // namespace
}  // namespace gvcpanel::estimators::resampling
