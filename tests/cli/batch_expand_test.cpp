// Expansion of batch files: how many specifications, which formulas, and ids that are stable for the
// same file and data and change when the specification or the data change.
#include <gtest/gtest.h>

#include <set>

#include "cli/batch_expand.hpp"
#include "cli/batch_spec.hpp"

namespace gvcpanel::cli {
namespace {

const char* const kSpec = R"(
data = "panel.csv"
panel = "firm,year"
[defaults]
vcov = "cluster:firm"
[[model]]
name = "main"
primary = true
outcome = ["y", "z"]
terms = "x1"
csw0 = ["x2", "x3"]
fixed_effects = ["firm + year", ""]
vcov = ["cluster:firm", "hc1"]
interest = ["x1"]
[[model]]
name = "split"
formula = "y ~ x1 | firm"
split = "region"
)";

std::vector<ExpandedSpec> expand_text(const std::string& text, const std::string& checksum = "0123") {
    const auto spec = parse_batch_spec(text, "spec.toml", "");
    return expand(spec, checksum, {{"region", {"\"north\"", "\"south\""}}});
}

TEST(BatchExpand, CountsEveryCombinationAndSplitLevel) {
    const auto specs = expand_text(kSpec);
    // 2 outcomes x 3 control sets x 2 fixed-effect sets x 2 vcov, plus 2 split levels.
    EXPECT_EQ(specs.size(), 2u * 3u * 2u * 2u + 2u);
    std::size_t primary = 0;
    for (const auto& spec : specs) primary += spec.primary ? 1 : 0;
    EXPECT_EQ(primary, 1u);
    EXPECT_EQ(specs.front().request.model, "y ~ x1 | firm + year");
    EXPECT_EQ(specs.front().request.vcov, "cluster:firm");
    EXPECT_EQ(specs.back().request.subset, "region == \"south\"");
}

TEST(BatchExpand, CumulativeControlsAndNoFixedEffects) {
    std::set<std::string> formulas;
    for (const auto& spec : expand_text(kSpec)) formulas.insert(spec.request.model);
    EXPECT_TRUE(formulas.count("z ~ x1 + x2 + x3"));
    EXPECT_TRUE(formulas.count("y ~ x1 + x2 | firm + year"));
}

TEST(BatchExpand, IdsAreUniqueAndStable) {
    const auto first = expand_text(kSpec);
    const auto second = expand_text(kSpec);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].id, second[i].id);
        EXPECT_EQ(first[i].id.size(), 16u);
        ids.insert(first[i].id);
    }
    EXPECT_EQ(ids.size(), first.size());
}

TEST(BatchExpand, IdsChangeWithTheSpecificationAndTheData) {
    const auto base = expand_text(kSpec);
    std::string changed = kSpec;
    changed.replace(changed.find("\"hc1\""), 5, "\"hc3\"");
    const auto edited = expand_text(changed);
    ASSERT_EQ(base.size(), edited.size());
    EXPECT_EQ(base[0].id, edited[0].id);  // cluster:firm: unchanged
    EXPECT_NE(base[1].id, edited[1].id);  // hc1 became hc3
    EXPECT_NE(base[0].id, expand_text(kSpec, "4567")[0].id);
}

TEST(BatchExpand, ChoicesNameOnlyWhatVaries) {
    const auto specs = expand_text(kSpec);
    std::set<std::string> categories;
    for (const auto& [category, value] : specs.front().choices) categories.insert(category);
    EXPECT_EQ(categories, (std::set<std::string>{"Model", "Outcome", "Controls", "Fixed effects", "Vcov"}));
    EXPECT_EQ(specs.back().choices.back().first, "Split");
}

}  // namespace
}  // namespace gvcpanel::cli
