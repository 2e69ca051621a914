// Hansen's LR figure: one panel per threshold at the asked size, the estimate marked on each panel,
// the critical value drawn dashed, and a result without LR curves refused.
#include "reports/plot_threshold.hpp"

#include <gtest/gtest.h>

#include <cairo.h>

#include "data/error.hpp"
#include "support/paths.hpp"
#include "support/svg_dots.hpp"

namespace gvcpanel::reports {
namespace {

estimators::Result two_thresholds() {
    estimators::Result result;
    result.estimator = "threshold";
    result.stats["gamma1"] = 0.2;
    result.stats["gamma2"] = 0.7;
    result.stats["lr_critical"] = 7.35;
    result.stats["threshold_lr"] = {{{"gamma", {0.0, 0.1, 0.2, 0.3}}, {"lr", {20.0, 9.0, 0.0, 12.0}}},
                                    {{"gamma", {0.5, 0.6, 0.7, 0.8, 0.9}}, {"lr", {30.0, 4.0, 0.0, 3.0, 25.0}}}};
    return result;
}

TEST(PlotThreshold, OnePanelPerThresholdAtTheAskedSize) {
    const std::string path = testing::temp_dir() + "/threshold.png";
    ThresholdPlotOptions options;
    options.width = 500;
    options.panel_height = 200;
    plot_threshold(two_thresholds(), path, options);
    cairo_surface_t* image = cairo_image_surface_create_from_png(path.c_str());
    ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
    EXPECT_EQ(cairo_image_surface_get_width(image), 500);
    EXPECT_EQ(cairo_image_surface_get_height(image), 2 * 200 + 14);  // two panels and the bottom margin
    cairo_surface_destroy(image);
}

TEST(PlotThreshold, MarksEachEstimateAndDrawsTheCriticalValueDashed) {
    const std::string path = testing::temp_dir() + "/threshold.svg";
    plot_threshold(two_thresholds(), path, {});
    const auto svg = testing::read_text(path);
    EXPECT_EQ(testing::svg_dots(svg, kBlack).size(), 2u);
    EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
}

TEST(PlotThreshold, RefusesAResultWithoutCurves) {
    estimators::Result ols;
    ols.estimator = "ols";
    try {
        plot_threshold(ols, testing::temp_dir() + "/x.png", {});
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("--estimator threshold"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace gvcpanel::reports
