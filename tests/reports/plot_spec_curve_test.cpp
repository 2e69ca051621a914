#include "reports/plot_spec_curve.hpp"

#include <gtest/gtest.h>

#include <cairo.h>

#include <algorithm>
#include <fstream>
#include <limits>

#include "data/error.hpp"
#include "sample_results.hpp"
#include "support/paths.hpp"
#include "support/svg_dots.hpp"

namespace gvcpanel::reports {

namespace {

// 3 control sets x 3 fixed-effect choices x 2 samples; the estimate shrinks with more fixed
// effects and controls, so the curve crosses zero.
std::vector<Specification> specifications() {
    std::vector<Specification> specs;
    const std::vector<std::string> controls = {"none", "size, age", "size, age, capital"};
    const std::vector<std::string> effects = {"none", "firm", "firm + year"};
    const std::vector<std::string> samples = {"all firms", "exporters"};
    for (std::size_t c = 0; c < controls.size(); ++c)
        for (std::size_t f = 0; f < effects.size(); ++f)
            for (std::size_t s = 0; s < samples.size(); ++s) {
                const double estimate = 0.5 - 0.12 * static_cast<double>(c) - 0.15 * static_cast<double>(f) + 0.05 * static_cast<double>(s);
                const double half_width = 0.08 + 0.04 * static_cast<double>(f);
                specs.push_back({estimate, estimate - half_width, estimate + half_width,
                                 {{"Controls", controls[c]}, {"Fixed effects", effects[f]}, {"Sample", samples[s]}}});
            }
    return specs;
}

std::string first_bytes(const std::string& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes(n, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(n));
    return bytes;
}

}  // namespace

TEST(PlotSpecCurve, SvgMarksExactlyThePrimarySpecification) {
    const std::string dir = testing::temp_dir();
    plot_spec_curve(specifications(), dir + "/none.svg");
    const auto colors = testing::colors_equal(testing::read_text(dir + "/none.svg"), kPrimaryColor);
    EXPECT_EQ(std::count(colors.begin(), colors.end(), true), 0);

    // Specification 1 has the largest estimate (0.55) and 16 the smallest (-0.04): the primary dot
    // must be the rightmost, then the leftmost, and the only one in the primary colour.
    for (const std::size_t primary : {std::size_t{1}, std::size_t{16}}) {
        auto specs = specifications();
        specs[primary].primary = true;
        const std::string path = dir + "/primary_" + std::to_string(primary) + ".svg";
        plot_spec_curve(specs, path);
        const auto dots = testing::svg_dots(testing::read_text(path), kPrimaryColor);
        ASSERT_EQ(dots.size(), specs.size());
        std::size_t marked = 0;
        constexpr double kInfinity = std::numeric_limits<double>::infinity();
        double marked_x = 0, min_other = kInfinity, max_other = -kInfinity;
        for (const auto& dot : dots) {
            if (dot.marked) {
                ++marked;
                marked_x = dot.x;
            } else {
                min_other = std::min(min_other, dot.x);
                max_other = std::max(max_other, dot.x);
            }
        }
        EXPECT_EQ(marked, 1u);
        if (primary == 1) EXPECT_GT(marked_x, max_other);
        else EXPECT_LT(marked_x, min_other);
    }
}

TEST(PlotSpecCurve, PngOpensWithTheExpectedSize) {
    const std::string path = testing::temp_dir() + "/curve.png";
    SpecCurveOptions options;
    options.width = 800;
    options.height = 600;
    options.title = "Export share and TFP across 18 specifications";
    options.estimate_label = "Effect of export share";
    plot_spec_curve(specifications(), path, options);
    cairo_surface_t* image = cairo_image_surface_create_from_png(path.c_str());
    ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
    EXPECT_EQ(cairo_image_surface_get_width(image), 800);
    EXPECT_EQ(cairo_image_surface_get_height(image), 600);
    cairo_surface_destroy(image);
}

TEST(PlotSpecCurve, AutomaticHeightGrowsWithTheChoices) {
    const std::string dir = testing::temp_dir();
    auto few = specifications();
    for (auto& spec : few) spec.choices.resize(1);
    plot_spec_curve(few, dir + "/few.png");
    plot_spec_curve(specifications(), dir + "/many.png");
    cairo_surface_t* a = cairo_image_surface_create_from_png((dir + "/few.png").c_str());
    cairo_surface_t* b = cairo_image_surface_create_from_png((dir + "/many.png").c_str());
    EXPECT_LT(cairo_image_surface_get_height(a), cairo_image_surface_get_height(b));
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
}

TEST(PlotSpecCurve, SvgAndPdfStartWithTheirMagicBytes) {
    const std::string dir = testing::temp_dir();
    plot_spec_curve(specifications(), dir + "/curve.svg");
    plot_spec_curve(specifications(), dir + "/curve.pdf");
    EXPECT_EQ(first_bytes(dir + "/curve.svg", 5), "<?xml");
    EXPECT_EQ(first_bytes(dir + "/curve.pdf", 5), "%PDF-");
}

TEST(PlotSpecCurve, ASpecificationFromAFittedModel) {
    const auto results = testing::results_fixture("models.json");
    const auto spec = specification(results[1], "export_share", {{"Fixed effects", "firm"}});
    EXPECT_EQ(spec.estimate, results[1].coef[0].estimate);
    EXPECT_EQ(spec.ci_low, results[1].coef[0].ci_low);
    EXPECT_EQ(spec.ci_high, results[1].coef[0].ci_high);
    ASSERT_EQ(spec.choices.size(), 1u);
    EXPECT_EQ(spec.choices[0].second, "firm");
    EXPECT_THROW(specification(results[0], "export_shar", {}), Error);
}

TEST(PlotSpecCurve, MistakesAreErrors) {
    const std::string dir = testing::temp_dir();
    EXPECT_THROW(plot_spec_curve({}, dir + "/a.png"), Error);
    EXPECT_THROW(plot_spec_curve({{1.0, 1.5, 2.0, {}}}, dir + "/a.png"), Error);  // estimate outside its interval
    SpecCurveOptions narrow;
    narrow.width = 100;
    EXPECT_THROW(plot_spec_curve(specifications(), dir + "/a.png", narrow), Error);
}

}  // namespace gvcpanel::reports
