#include "reports/statistic_rows.hpp"

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

TEST(StatisticRows, ObjectsExpandPerEntryAndAbsentKnownNamesAreLeftOut) {
    const auto results = testing::results_fixture("models.json");
    const auto keys = statistic_keys({"nobs", "r2", "n_clusters", "pseudo_r2"}, pointers(results));
    EXPECT_EQ(keys, (std::vector<std::string>{"nobs", "r2", "n_clusters:firm"}));
}

TEST(StatisticRows, UnknownNamesAndMissingTestsAreErrors) {
    const auto results = testing::results_fixture("models.json");
    EXPECT_THROW(statistic_keys({"r2_withn"}, pointers(results)), Error);
    EXPECT_THROW(statistic_keys({"test:hansen:p"}, pointers(results)), Error);
    try {
        statistic_keys({"r2_withn"}, pointers(results));
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("r2_within"), std::string::npos) << e.what();
    }
}

TEST(StatisticRows, LabelsInTheUsersWords) {
    EXPECT_EQ(statistic_label("nobs", {}), "Observations");
    EXPECT_EQ(statistic_label("r2_within", {}), "Within R-squared");
    EXPECT_EQ(statistic_label("n_clusters:firm", {}), "Clusters (firm)");
    EXPECT_EQ(statistic_label("test:hansen:p", {}), "Hansen J p-value");
    EXPECT_EQ(statistic_label("test:ar2", {}), "AR(2) p-value");
    EXPECT_EQ(statistic_label("test:first_stage_f:gvc:stat", {}), "First-stage F (gvc) statistic");
    EXPECT_EQ(statistic_label("r2", {{"r2", "R2"}}), "R2");
}

TEST(StatisticRows, CellsPrintCountsWholeAndTheRestWithDigits) {
    const auto results = testing::results_fixture("models.json");
    EXPECT_EQ(statistic_cell(results[0], "nobs", 3).text, "1200");
    EXPECT_EQ(statistic_cell(results[0], "r2", 3).text, "0.312");
    EXPECT_EQ(statistic_cell(results[0], "df_resid", 3).text, "1197");
    EXPECT_EQ(statistic_cell(results[1], "n_clusters:firm", 3).text, "120");
    EXPECT_EQ(statistic_cell(results[0], "n_clusters:firm", 3).text, "");
}

TEST(StatisticRows, TestsGiveTheirPStatisticOrDegreesOfFreedom) {
    const auto gmm = testing::results_fixture("gmm.json");
    EXPECT_EQ(statistic_keys({"test:hansen:p", "test:ar2"}, pointers(gmm)),
              (std::vector<std::string>{"test:hansen:p", "test:ar2"}));
    EXPECT_EQ(statistic_cell(gmm[0], "test:hansen:p", 3).text, "0.683");
    EXPECT_EQ(statistic_cell(gmm[0], "test:hansen:stat", 2).text, "31.42");
    EXPECT_EQ(statistic_cell(gmm[0], "test:hansen:df", 3).text, "36");
    EXPECT_EQ(statistic_cell(gmm[0], "test:ar2", 3).text, "0.382");
}

}  // namespace gvcpanel::reports
