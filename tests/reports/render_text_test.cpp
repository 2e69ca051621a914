#include <gtest/gtest.h>

#include "reports/render.hpp"
#include "reports/table.hpp"
#include "sample_results.hpp"

namespace gvcpanel::reports {

TEST(RenderText, GoldenTwoPanels) {
    const Table table(testing::two_panels(), testing::golden_options());
    testing::expect_golden("table_panels.txt", render_text(table.layout()));
}

TEST(RenderText, GoldenOnePanelWithTests) {
    auto results = testing::results_fixture("models.json");
    results.push_back(testing::results_fixture("gmm.json")[0]);
    TableOptions options;
    options.stats = {"nobs", "r2", "n_clusters", "test:hansen:p", "test:ar2:p"};
    testing::expect_golden("table_simple.txt", render_text(Table(results, options).layout()));
}

TEST(RenderText, DecimalPointsLineUpInEveryColumn) {
    const auto text = render_text(Table(testing::results_fixture("models.json")).layout());
    // The estimate and standard-error lines of export_share: their decimal points share columns.
    const auto estimate = text.find("export_share");
    const auto line_end = text.find('\n', estimate);
    const auto below_end = text.find('\n', line_end + 1);
    const std::string a = text.substr(estimate, line_end - estimate);
    const std::string b = text.substr(line_end + 1, below_end - line_end - 1);
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a[i] == '.') {
            EXPECT_EQ(b[i], '.') << a << "\n" << b;
        }
    }
}

}  // namespace gvcpanel::reports
