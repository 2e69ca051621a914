#include "reports/labels.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::reports {

TEST(Labels, ReadsNameLabelLinesWithQuotes) {
    const auto labels = read_labels(testing::fixture("reports/labels.csv"));
    EXPECT_EQ(labels.at("export_share"), "Export share");
    EXPECT_EQ(labels.at("log(capital)"), "Capital (log)");
    EXPECT_EQ(labels.count("name"), 0u);  // the header line is not a label
}

TEST(Labels, QuotedCommasAndQuotesSurvive) {
    const std::string path = testing::temp_dir() + "/labels.csv";
    std::ofstream(path) << "x,\"Sales, in \"\"000 USD\"\r\n\ny,Output\n";
    const auto labels = read_labels(path);
    EXPECT_EQ(labels.at("x"), "Sales, in \"000 USD");
    EXPECT_EQ(labels.at("y"), "Output");
}

TEST(Labels, BadLinesNameTheFileAndLine) {
    const std::string path = testing::temp_dir() + "/bad.csv";
    std::ofstream(path) << "x,X\ny\n";
    try {
        read_labels(path);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("bad.csv:2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(read_labels(path + ".missing"), Error);
}

TEST(Labels, ComeFromColumnLabelsOfAFrame) {
    data::Frame frame;
    auto column = data::Column::numeric("exp", {1.0, 2.0});
    column.label = "Exports (USD)";
    frame.add(column);
    frame.add(data::Column::numeric("nolabel", {1.0, 2.0}));
    const auto labels = labels_from_frame(frame);
    EXPECT_EQ(labels.size(), 1u);
    EXPECT_EQ(labels.at("exp"), "Exports (USD)");
    EXPECT_EQ(label_or(labels, "nolabel", "fallback"), "fallback");
}

// Stata value labels stay beside the numbers (issue 17 item 4); a table shows a factor level by
// its label: "region::1" as "Region = north".
TEST(Labels, ValueLabelsLabelFactorLevels) {
    data::Frame frame;
    auto region = data::Column::integer("region", {1, 3});
    region.label = "Region";
    region.value_labels = {{1, "north"}, {3, "east"}};
    frame.add(region);
    auto share = data::Column::numeric("share", {0.5, 1.5});
    share.value_labels = {{0.5, "half"}};
    frame.add(share);
    const auto labels = labels_from_frame(frame);
    EXPECT_EQ(labels.at("region::1"), "Region = north");
    EXPECT_EQ(labels.at("region::3"), "Region = east");
    EXPECT_EQ(labels.at("share::0.5"), "share = half");
    EXPECT_EQ(labels.size(), 4u);
}

}  // namespace gvcpanel::reports
