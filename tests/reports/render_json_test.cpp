#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reports/render.hpp"
#include "reports/table.hpp"
#include "sample_results.hpp"

namespace gvcpanel::reports {

TEST(RenderJson, GoldenTwoPanels) {
    const Table table(testing::two_panels(), testing::golden_options());
    testing::expect_golden("table_panels.json", render_json(table.layout()));
}

TEST(RenderJson, RowsKeepTheirKindAndStarsApart) {
    const auto json = nlohmann::json::parse(render_json(Table(testing::results_fixture("models.json")).layout()));
    EXPECT_EQ(json.at("columns"), 3);
    const auto& first = json.at("panels").at(0).at("blocks").at(0).at(0);
    EXPECT_EQ(first.at("kind"), "estimate");
    EXPECT_EQ(first.at("label"), "Constant");
    EXPECT_EQ(first.at("cells").at(0).at("text"), "1.237");
    EXPECT_EQ(first.at("cells").at(0).at("stars"), "***");
}

}  // namespace gvcpanel::reports
