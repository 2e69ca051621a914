#include "reports/coefficient_rows.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"
#include "sample_results.hpp"

namespace gvcpanel::reports {

namespace {
std::vector<const estimators::Result*> pointers(const std::vector<estimators::Result>& results) {
    std::vector<const estimators::Result*> out;
    for (const auto& r : results) out.push_back(&r);
    return out;
}
}  // namespace

TEST(CoefficientRows, EstimateWithStarsAndStandardErrorBelow) {
    const auto results = testing::results_fixture("models.json");
    const auto block = coefficient_rows(pointers(results), {"export_share", "gvc_participation"}, 3, {});
    ASSERT_EQ(block.size(), 4u);
    EXPECT_EQ(block[0].label, "export_share");
    EXPECT_EQ(block[0].cells[0].text, "0.512");
    EXPECT_EQ(block[0].cells[0].stars, "***");
    EXPECT_EQ(block[0].cells[2].stars, "*");
    EXPECT_EQ(block[1].cells[1].text, "(0.120)");
    EXPECT_EQ(block[2].cells[0].text, "");  // the pooled model has no gvc_participation
    EXPECT_EQ(block[2].cells[2].text, "-0.085");
    EXPECT_EQ(block[2].cells[2].stars, "**");
}

TEST(CoefficientRows, BelowCanBeTPOrAnInterval) {
    const auto results = testing::results_fixture("models.json");
    TableOptions options;
    options.below = Below::t;
    EXPECT_EQ(coefficient_rows(pointers(results), {"export_share"}, 3, options)[1].cells[0].text, "(11.330)");
    options.below = Below::ci;
    options.digits = 2;
    EXPECT_EQ(coefficient_rows(pointers(results), {"export_share"}, 3, options)[1].cells[0].text, "[0.42, 0.60]");
    options.below = Below::none;
    EXPECT_EQ(coefficient_rows(pointers(results), {"export_share"}, 3, options).size(), 1u);
}

TEST(CoefficientRows, RenamingMergesRowsButNotWithinOneModel) {
    auto results = testing::results_fixture("models.json");
    TableOptions options;
    options.terms.rename = {{"gvc_participation", "export_share"}};
    EXPECT_THROW(coefficient_rows(pointers(results), {"export_share"}, 3, options), Error);
    options.terms.rename = {{"gvc_participation", "GVC"}};
    EXPECT_EQ(term_names(pointers(results), options.terms),
              (std::vector<std::string>{"(Intercept)", "export_share", "log(capital)", "GVC"}));
}

TEST(CoefficientRows, TheInterceptIsCalledConstantUnlessLabelled) {
    EXPECT_EQ(term_label("(Intercept)", {}), "Constant");
    EXPECT_EQ(term_label("(Intercept)", {{"(Intercept)", "Intercept"}}), "Intercept");
    EXPECT_EQ(term_label("x", {}), "x");
}

TEST(CoefficientRows, FactorLevelsAndInteractionsAreLabelledThroughTheirParts) {
    const Labels labels = {{"year", "Year"}, {"export_share", "Export share"}, {"gvc", "GVC"}};
    EXPECT_EQ(term_label("year::2001", labels), "Year = 2001");
    EXPECT_EQ(term_label("south::yes", labels), "south::yes");
    EXPECT_EQ(term_label("export_share:gvc", labels), "Export share × GVC");
    EXPECT_EQ(term_label("export_share:size", labels), "Export share × size");
    EXPECT_EQ(term_label("a:b", labels), "a:b");
}

TEST(CoefficientRows, AncillaryParametersGetTheirOwnRowsWithoutStars) {
    auto results = testing::results_fixture("models.json");
    results[2].ancillary.push_back({"sigma", 1.23456, 0.04321});
    const auto block = ancillary_rows(pointers(results), 3, {});
    ASSERT_EQ(block.size(), 2u);
    EXPECT_EQ(block[0].label, "sigma");
    EXPECT_EQ(block[0].cells[0].text, "");
    EXPECT_EQ(block[0].cells[2].text, "1.235");
    EXPECT_EQ(block[0].cells[2].stars, "");
    EXPECT_EQ(block[1].cells[2].text, "(0.043)");
    results[2].ancillary.clear();
    EXPECT_TRUE(ancillary_rows(pointers(results), 3, {}).empty());
}

}  // namespace gvcpanel::reports
