// Grouping of batch specifications by fit: those that differ only in the covariance share one.
#include "cli/batch_groups.hpp"

#include <gtest/gtest.h>

#include "cli/batch_spec.hpp"

namespace gvcpanel::cli {
namespace {

const char* const kSpec = R"(
data = "panel.csv"
panel = "firm,year"
[[model]]
outcome = "y"
terms = "x1"
csw0 = ["x2", "x3"]
fixed_effects = "firm + year"
vcov = ["cluster:firm", "hc1", "iid"]
subset = ["", "x1 > 0"]
)";

TEST(BatchGroups, SpecificationsDifferingOnlyInTheCovarianceShareOneFit) {
    const auto specs = expand(parse_batch_spec(kSpec, "spec.toml", ""), "0123", {});
    std::vector<const ExpandedSpec*> pointers;
    for (const auto& spec : specs) pointers.push_back(&spec);
    const auto groups = group_by_fit(pointers);
    ASSERT_EQ(specs.size(), 3u * 3u * 2u);
    ASSERT_EQ(groups.size(), 3u * 2u);  // control sets x samples
    for (const auto& group : groups) {
        ASSERT_EQ(group.size(), 3u);
        EXPECT_EQ(group[0]->request.vcov, "cluster:firm");
        EXPECT_EQ(group[2]->request.vcov, "iid");
        for (const auto* member : group) {
            EXPECT_EQ(member->request.model, group[0]->request.model);
            EXPECT_EQ(member->request.subset, group[0]->request.subset);
        }
    }
}

TEST(BatchGroups, EverySpecificationInExactlyOneGroup) {
    const auto specs = expand(parse_batch_spec(kSpec, "spec.toml", ""), "0123", {});
    std::vector<const ExpandedSpec*> pointers{&specs[5], &specs[0], &specs[1]};
    const auto groups = group_by_fit(pointers);
    std::size_t members = 0;
    for (const auto& group : groups) members += group.size();
    EXPECT_EQ(members, pointers.size());
    EXPECT_EQ(groups.front().front(), &specs[5]);  // in the order of first appearance
}

TEST(BatchGroups, OrderedBySampleGroupsOnOneSampleAreAdjacent) {
    const auto specs = expand(parse_batch_spec(kSpec, "spec.toml", ""), "0123", {});
    std::vector<const ExpandedSpec*> pointers;
    for (const auto& spec : specs) pointers.push_back(&spec);
    auto groups = group_by_fit(pointers);
    ASSERT_NE(groups[0].front()->request.subset, groups[1].front()->request.subset);  // alternating before
    order_by_sample(groups);
    ASSERT_EQ(groups.size(), 3u * 2u);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        EXPECT_EQ(groups[g].front()->request.subset, g < 3 ? "" : "x1 > 0");
        if (g % 3 > 0) {  // control sets in their order within a sample
            EXPECT_LT(groups[g - 1].front()->request.model.size(), groups[g].front()->request.model.size());
        }
    }
}

}  // namespace
}  // namespace gvcpanel::cli
