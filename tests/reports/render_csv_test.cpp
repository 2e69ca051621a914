#include <gtest/gtest.h>

#include "reports/render.hpp"
#include "reports/table.hpp"
#include "sample_results.hpp"

namespace gvcpanel::reports {

TEST(RenderCsv, GoldenTwoPanels) {
    const Table table(testing::two_panels(), testing::golden_options());
    testing::expect_golden("table_panels.csv", render_csv(table.layout()));
}

TEST(RenderCsv, FieldsWithCommasOrQuotesAreQuoted) {
    TableOptions options;
    options.labels = {{"export_share", "Exports, \"share\""}};
    const auto csv = render_csv(Table(testing::results_fixture("models.json"), options).layout());
    EXPECT_NE(csv.find("\"Exports, \"\"share\"\"\",0.512***,0.305**,0.298*\n"), std::string::npos) << csv;
}

}  // namespace gvcpanel::reports
