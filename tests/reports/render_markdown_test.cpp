#include <gtest/gtest.h>

#include "reports/render.hpp"
#include "reports/table.hpp"
#include "sample_results.hpp"

namespace gvcpanel::reports {

TEST(RenderMarkdown, GoldenTwoPanels) {
    const Table table(testing::two_panels(), testing::golden_options());
    testing::expect_golden("table_panels.md", render_markdown(table.layout()));
}

TEST(RenderMarkdown, StarsAndUnderscoresAreEscaped) {
    const auto md = render_markdown(Table(testing::results_fixture("models.json")).layout());
    EXPECT_NE(md.find("0.512\\*\\*\\*"), std::string::npos);
    EXPECT_NE(md.find("export\\_share"), std::string::npos);
    EXPECT_EQ(md.find("***"), std::string::npos);
}

TEST(RenderMarkdown, EveryTableLineHasTheSameNumberOfCells) {
    const auto md = render_markdown(Table(testing::two_panels(), testing::golden_options()).layout());
    std::size_t start = 0;
    while (start < md.size() && md[start] == '|') {
        const auto end = md.find('\n', start);
        const std::string line = md.substr(start, end - start);
        std::size_t bars = 0;
        for (std::size_t i = 0; i < line.size(); ++i)
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
        EXPECT_EQ(bars, 5u) << line;  // label + 3 models
        start = end + 1;
    }
}

}  // namespace gvcpanel::reports
