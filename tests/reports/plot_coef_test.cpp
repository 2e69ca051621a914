#include "reports/plot_coef.hpp"

#include <gtest/gtest.h>

#include <cairo.h>

#include <fstream>

#include "data/error.hpp"
#include "sample_results.hpp"
#include "support/paths.hpp"

namespace gvcpanel::reports {

namespace {
std::string first_bytes(const std::string& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes(n, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(n));
    return bytes.substr(0, static_cast<std::size_t>(in.gcount()));
}
}  // namespace

TEST(PlotCoef, PngOpensWithTheExpectedSize) {
    const std::string path = testing::temp_dir() + "/coef.png";
    CoefPlotOptions options;
    options.width = 700;
    options.height = 420;
    options.labels = testing::golden_options().labels;
    options.model_names = {"Pooled", "Firm FE", "Two-way FE"};
    plot_coef(testing::results_fixture("models.json"), path, options);
    cairo_surface_t* image = cairo_image_surface_create_from_png(path.c_str());
    ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
    EXPECT_EQ(cairo_image_surface_get_width(image), 700);
    EXPECT_EQ(cairo_image_surface_get_height(image), 420);
    cairo_surface_destroy(image);
}

TEST(PlotCoef, SvgAndPdfStartWithTheirMagicBytes) {
    const std::string dir = testing::temp_dir();
    plot_coef(testing::results_fixture("models.json"), dir + "/coef.svg");
    plot_coef(testing::results_fixture("gmm.json"), dir + "/coef.pdf");
    EXPECT_EQ(first_bytes(dir + "/coef.svg", 5), "<?xml");
    EXPECT_EQ(first_bytes(dir + "/coef.pdf", 5), "%PDF-");
}

TEST(PlotCoef, IntervalsAtOtherLevelsUseTheNormalQuantile) {
    const estimators::CoefRow row{"x", 1.0, 0.5, 2.0, 0.05, 0.1, 1.9};
    EXPECT_EQ(confidence_interval(row, 0.95), std::make_pair(0.1, 1.9));  // the result's own interval
    const auto [low, high] = confidence_interval(row, 0.90);
    EXPECT_NEAR(low, 1.0 - 1.6448536269514722 * 0.5, 1e-12);  // qnorm(0.95) in R
    EXPECT_NEAR(high, 1.0 + 1.6448536269514722 * 0.5, 1e-12);
}

TEST(PlotCoef, MistakesAreErrors) {
    const auto results = testing::results_fixture("models.json");
    const std::string dir = testing::temp_dir();
    CoefPlotOptions level;
    level.level = 95;
    EXPECT_THROW(plot_coef(results, dir + "/a.png", level), Error);
    CoefPlotOptions names;
    names.model_names = {"one"};
    EXPECT_THROW(plot_coef(results, dir + "/a.png", names), Error);
    EXPECT_THROW(plot_coef(results, dir + "/a.gif"), Error);
    EXPECT_THROW(plot_coef({}, dir + "/a.png"), Error);
}

}  // namespace gvcpanel::reports
