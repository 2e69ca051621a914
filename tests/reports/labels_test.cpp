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

}  // namespace gvcpanel::reports
