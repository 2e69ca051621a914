// The Goodman-Bacon scatter and text (reports/plot_bacon.cpp, bacon_summary.cpp): a dot per
// comparison in the colour of its kind, the kinds' totals, and results that are not decompositions.
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "reports/bacon_summary.hpp"
#include "reports/plot_bacon.hpp"
#include "support/paths.hpp"
#include "support/svg_dots.hpp"

namespace gvcpanel::reports {
namespace {

estimators::Result decomposition() {
    estimators::Result r;
    r.estimator = "bacon";
    r.outcome = "y";
    r.formula = "y ~ treat";
    const std::tuple<const char*, double, double> rows[] = {{"treated_vs_never:2004", 0.5, 0.5},
                                                            {"earlier_vs_later:2004:2006", 0.3, 0.2},
                                                            {"later_vs_earlier:2006:2004", -0.2, 0.3}};
    for (const auto& [name, estimate, weight] : rows) {
        estimators::CoefRow row;
        row.name = name;
        row.estimate = estimate;
        row.weight = weight;
        r.coef.push_back(row);
    }
    r.stats["twfe"] = 0.5 * 0.5 + 0.3 * 0.2 - 0.2 * 0.3;
    return r;
}

TEST(PlotBacon, ADotPerComparisonInItsKindsColour) {
    const std::string path = testing::temp_dir() + "/bacon.svg";
    plot_bacon(decomposition(), path);
    const std::string svg = testing::read_text(path);
    for (std::size_t kind = 0; kind < 3; ++kind) {
        std::size_t dots = 0;
        for (const auto& dot : testing::svg_dots(svg, series_color(kind))) dots += dot.marked;
        EXPECT_EQ(dots, 2u) << "kind " << kind << ": its comparison and its legend entry";
    }
}

TEST(PlotBacon, OtherResultsAreErrors) {
    auto r = decomposition();
    r.coef[0].name = "x1";
    EXPECT_THROW(plot_bacon(r, testing::temp_dir() + "/bad.png"), Error);
}

TEST(BaconSummary, TotalsByKind) {
    const std::string text = bacon_summary(decomposition());
    EXPECT_NE(text.find("Two-way fixed-effects coefficient: 0.25"), std::string::npos) << text;
    EXPECT_NE(text.find("Later vs earlier treated"), std::string::npos) << text;
    EXPECT_NE(text.find("weighted sum of the comparisons: 0.25"), std::string::npos) << text;
}

}  // namespace
}  // namespace gvcpanel::reports
