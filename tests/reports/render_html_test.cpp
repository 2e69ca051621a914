#include <gtest/gtest.h>

#include "reports/render.hpp"
#include "reports/table.hpp"
#include "sample_results.hpp"

namespace gvcpanel::reports {

TEST(RenderHtml, GoldenFragment) {
    const Table table(testing::two_panels(), testing::golden_options());
    testing::expect_golden("table_panels.html", render_html(table.layout()));
}

TEST(RenderHtml, GoldenStandalonePage) {
    const Table table(testing::results_fixture("models.json"), testing::golden_options());
    testing::expect_golden("table_standalone.html", render_html(table.layout(), {.html_standalone = true}));
}

TEST(RenderHtml, FragmentIsOnlyATableAndTextIsEscaped) {
    TableOptions options;
    options.notes = {"Sample: firms with <10 & >2 years"};
    const auto html = render_html(Table(testing::results_fixture("models.json"), options).layout());
    EXPECT_EQ(html.rfind("<table", 0), 0u);
    EXPECT_EQ(html.find("<html"), std::string::npos);
    EXPECT_NE(html.find("&lt;10 &amp; &gt;2"), std::string::npos);
    EXPECT_NE(html.find("0.512<sup>***</sup>"), std::string::npos);
}

}  // namespace gvcpanel::reports
