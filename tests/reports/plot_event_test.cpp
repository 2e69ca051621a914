// The event-study plot (reports/plot_event.cpp): which rows are event times, the reference period
// of a regression (the omitted one) and of a universal base period (fixed at 0), the simultaneous
// band, and what the SVG draws: one dot per event time and series, a hollow reference point.
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "reports/plot_event.hpp"
#include "support/paths.hpp"
#include "support/svg_dots.hpp"

namespace gvcpanel::reports {
namespace {

estimators::Result result(const std::string& estimator, const std::vector<std::pair<std::string, double>>& rows) {
    estimators::Result r;
    r.estimator = estimator;
    r.formula = "y ~ ...";
    r.outcome = "y";
    for (const auto& [name, se] : rows) {
        estimators::CoefRow row;
        row.name = name;
        row.estimate = std::isfinite(se) ? 0.1 * double(name.size()) : 0.0;
        row.se = se;
        row.ci_low = row.estimate - 1.96 * se;
        row.ci_high = row.estimate + 1.96 * se;
        r.coef.push_back(row);
    }
    return r;
}

TEST(EventPoints, RegressionsMarkTheOmittedPeriod) {
    const auto r = result("ols", {{"x1", 0.1}, {"year::-3", 0.1}, {"year::-2", 0.1}, {"year::0", 0.1}, {"year::1", 0.2}});
    const auto points = event_points(r, 0.95);
    ASSERT_EQ(points.size(), 5u);
    EXPECT_EQ(points[2].time, -1);
    EXPECT_TRUE(points[2].reference);
    EXPECT_EQ(event_model_name(r), "TWFE");
}

TEST(EventPoints, CallawaySantAnnaBandAndUniversalReference) {
    auto r = result("cs", {{"ATT", 0.1}, {"event::-2", 0.1}, {"event::-1", std::nan("")}, {"event::0", 0.1}});
    r.stats["simultaneous_crit"] = 2.5;
    const auto points = event_points(r, 0.95);
    ASSERT_EQ(points.size(), 3u);
    EXPECT_TRUE(points[1].reference);
    EXPECT_NEAR(points[2].band_high - points[2].estimate, 0.25, 1e-12);
    EXPECT_NEAR(points[2].high - points[2].estimate, 0.196, 1e-12);
}

TEST(EventPoints, AResultWithoutEventTimesIsAnError) {
    EXPECT_THROW(event_points(result("cs", {{"ATT(2004,2005)", 0.1}, {"ATT", 0.1}}), 0.95), Error);
}

TEST(PlotEvent, SvgHasADotPerEventTimeAndSeries) {
    const auto twfe = result("ols", {{"rel::-2", 0.1}, {"rel::0", 0.1}, {"rel::1", 0.1}});
    auto cs = result("cs", {{"ATT", 0.1}, {"event::-2", 0.1}, {"event::-1", 0.1}, {"event::0", 0.1}, {"event::1", 0.1}});
    cs.stats["simultaneous_crit"] = 2.7;
    const std::string path = testing::temp_dir() + "/event.svg";
    plot_event({twfe, cs}, path);
    const std::string svg = testing::read_text(path);
    // Series 0: 3 dots, the reference (outer dot, its white inside is another colour) and a legend dot;
    // series 1: 4 dots and a legend dot.
    std::size_t first = 0, second = 0;
    for (const auto& dot : testing::svg_dots(svg, series_color(0))) first += dot.marked;
    for (const auto& dot : testing::svg_dots(svg, series_color(1))) second += dot.marked;
    EXPECT_EQ(first, 3u + 1 + 1);
    EXPECT_EQ(second, 4u + 1);
}

}  // namespace
}  // namespace gvcpanel::reports
