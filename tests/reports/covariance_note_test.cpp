#include "reports/covariance_note.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::reports {

TEST(CovarianceNote, DescribesEachType) {
    EXPECT_EQ(describe_covariance("cluster:firm"), "clustered by firm");
    EXPECT_EQ(describe_covariance("cluster:firm+year"), "multiway-clustered by firm and year");
    EXPECT_EQ(describe_covariance("robust"), "heteroskedasticity-robust (HC1)");
    EXPECT_EQ(describe_covariance("dk:3"), "Driscoll-Kraay with 3 lags");
    EXPECT_EQ(describe_covariance("nw:2"), "Newey-West with 2 lags");
    EXPECT_EQ(describe_covariance("bootstrap"), "bootstrap");
}

TEST(CovarianceNote, OneSentenceWhenAllColumnsAgree) {
    EXPECT_EQ(covariance_note({"cluster:firm", "cluster:firm"}, Below::se),
              "Standard errors in parentheses, clustered by firm.");
    EXPECT_EQ(covariance_note({"hc1"}, Below::t),
              "t statistics in parentheses, with standard errors heteroskedasticity-robust (HC1).");
}

TEST(CovarianceNote, NamesTheColumnsWhenTheyDiffer) {
    EXPECT_EQ(covariance_note({"hc1", "cluster:firm", "cluster:firm"}, Below::se),
              "Standard errors in parentheses: (1) heteroskedasticity-robust (HC1); (2)-(3) clustered by firm.");
}

TEST(CovarianceNote, NothingWhenNothingIsBelow) {
    EXPECT_EQ(covariance_note({"hc1"}, Below::none), "");
}


TEST(CovarianceNote, AResultsOwnLabelWinsOverItsTypesName) {
    // Dynamic GMM's robust covariance is clustered by the entity (Windmeijer-corrected two-step),
    // not HC1.
    estimators::Result gmm, ols;
    gmm.vcov = ols.vcov = "robust";
    gmm.vcov_label = "clustered by firm, Windmeijer-corrected two-step";
    EXPECT_EQ(describe_covariance(gmm), "clustered by firm, Windmeijer-corrected two-step");
    EXPECT_EQ(describe_covariance(ols), "heteroskedasticity-robust (HC1)");
    EXPECT_EQ(results_covariance_note({&ols, &gmm}, Below::se),
              "Standard errors in parentheses: (1) heteroskedasticity-robust (HC1); (2) clustered by firm, "
              "Windmeijer-corrected two-step.");
}

}  // namespace gvcpanel::reports
