#include "reports/plot_canvas.hpp"

#include <gtest/gtest.h>

#include <cairo.h>

#include <filesystem>
#include <fstream>

#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::reports {

TEST(PlotCanvas, FormatFollowsTheExtension) {
    EXPECT_EQ(image_format("a/b.PNG"), ImageFormat::png);
    EXPECT_EQ(image_format("plot.svg"), ImageFormat::svg);
    EXPECT_EQ(image_format("plot.pdf"), ImageFormat::pdf);
    EXPECT_THROW(image_format("plot.jpg"), Error);
}

TEST(PlotCanvas, WritesAPngOfTheAskedSize) {
    const std::string path = testing::temp_dir() + "/canvas.png";
    Canvas canvas(path, 120, 80);
    canvas.line(0, 0, 120, 80, kBlack, 2);
    canvas.text("abc", 60, 40, Anchor::centre, 12);
    EXPECT_GT(canvas.text_width("abc", 12), canvas.text_width("a", 12));
    canvas.finish();
    cairo_surface_t* image = cairo_image_surface_create_from_png(path.c_str());
    ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
    EXPECT_EQ(cairo_image_surface_get_width(image), 120);
    EXPECT_EQ(cairo_image_surface_get_height(image), 80);
    cairo_surface_destroy(image);
}

TEST(PlotCanvas, UnwritablePathsAndSillySizesAreErrors) {
    // Every format's file is opened (as its temporary file, data/atomic_file) before drawing.
    EXPECT_THROW(Canvas("/no/such/folder/plot.svg", 100, 100), Error);
    EXPECT_THROW(Canvas("/no/such/folder/plot.png", 100, 100), Error);
    EXPECT_THROW(Canvas(testing::temp_dir() + "/plot.png", 10, 100), Error);
}

TEST(PlotCanvas, NiceTicksCoverTheRangeInRoundSteps) {
    const auto ticks = nice_ticks(-0.13, 0.62, 6);
    ASSERT_GE(ticks.size(), 3u);
    EXPECT_LE(ticks.front(), -0.13);
    EXPECT_GE(ticks.back(), 0.62);
    EXPECT_DOUBLE_EQ(ticks[1] - ticks[0], 0.2);
    EXPECT_NE(std::find(ticks.begin(), ticks.end(), 0.0), ticks.end());
    EXPECT_EQ(tick_label(0.4, 0.2), "0.4");
    EXPECT_EQ(tick_label(-0.05, 0.05), "-0.05");
    EXPECT_EQ(tick_label(20, 10), "20");
    EXPECT_EQ(nice_ticks(0, 0, 5).size() >= 2, true);
}

}  // namespace gvcpanel::reports
