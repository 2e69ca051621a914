#include "reports/plot_spec_curve.hpp"

#include <gtest/gtest.h>

#include <cairo.h>

#include <algorithm>
#include <cstdint>
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

// Six specifications of each of two outcomes: `a` around 1-2, `b` around `scale` times that.
std::vector<Specification> two_outcomes(double scale) {
    std::vector<Specification> specs;
    for (int i = 0; i < 12; ++i) {
        const bool b = i % 2 == 1;
        const double estimate = (1 + 0.2 * (i / 2)) * (b ? scale : 1);
        specs.push_back({estimate, estimate - 0.1 * (b ? scale : 1), estimate + 0.1 * (b ? scale : 1),
                         {{"Outcome", b ? "b" : "a"}, {"Controls", i / 2 % 2 ? "size" : "none"}}, false, b ? "b" : "a"});
    }
    return specs;
}

double spread(const std::vector<testing::SvgDot>& dots, std::size_t from, std::size_t to) {
    double low = INFINITY, high = -INFINITY;
    for (std::size_t i = from; i < to; ++i) low = std::min(low, dots[i].y), high = std::max(high, dots[i].y);
    return high - low;
}

TEST(PlotSpecCurve, OutcomesOfDifferentScalesGetTheirOwnPanels) {
    const std::string dir = testing::temp_dir();
    plot_spec_curve(two_outcomes(100), dir + "/facets.svg");
    const auto dots = testing::svg_dots(testing::read_text(dir + "/facets.svg"), kPrimaryColor);
    ASSERT_EQ(dots.size(), 12u);
    // Facet a is drawn first, then b, each sorted by estimate from left to right; b is right of a.
    for (std::size_t i = 1; i < 12; ++i) {
        EXPECT_LT(dots[i - 1].x, dots[i].x) << i;
        if (i != 6) {
            EXPECT_LT(dots[i].y, dots[i - 1].y) << "higher estimates higher up, dot " << i;
        }
    }
    // Each on its own axis: a's estimates (1 to 2) spread over the panel rather than squeezed
    // near zero by b's (100 to 200), whose axis they would share otherwise.
    EXPECT_GT(spread(dots, 0, 6), 100.0);
    EXPECT_GT(spread(dots, 6, 12), 100.0);
    SpecCurveOptions one_panel;
    one_panel.facets = Show::never;
    plot_spec_curve(two_outcomes(100), dir + "/shared.svg", one_panel);
    const auto shared = testing::svg_dots(testing::read_text(dir + "/shared.svg"), kPrimaryColor);
    EXPECT_LT(spread(shared, 0, 6), 5.0);

    // Outcomes on one scale share one panel: one curve sorted across both, rising left to right.
    plot_spec_curve(two_outcomes(1.2), dir + "/same_scale.svg");
    const auto same = testing::svg_dots(testing::read_text(dir + "/same_scale.svg"), kPrimaryColor);
    ASSERT_EQ(same.size(), 12u);
    for (std::size_t i = 1; i < 12; ++i) {
        EXPECT_LT(same[i - 1].x, same[i].x) << i;
        EXPECT_LE(same[i].y, same[i - 1].y) << i;
    }
}

// Whether the image has only white in a strip `width` pixels wide along its four edges.
bool edges_are_white(const std::string& png, int width) {
    cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
    const int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
    const int stride = cairo_image_surface_get_stride(image);
    const unsigned char* data = cairo_image_surface_get_data(image);
    bool white = true;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (x >= width && x < w - width && y >= width && y < h - width) continue;
            const auto* pixel = reinterpret_cast<const std::uint32_t*>(data + y * stride) + x;
            white = white && (*pixel & 0xFFFFFF) == 0xFFFFFF;
        }
    cairo_surface_destroy(image);
    return white;
}

TEST(PlotSpecCurve, NothingRunsPastTheEdges) {
    // Long labels, a long title and caption, the primary specification at the right end of the
    // curve, and facets: every mark and letter stays inside the image.
    auto specs = two_outcomes(100);
    for (auto& spec : specs) spec.choices.push_back({"Sample", "year >= 2004 && export_share > 0 && governance == \"captive\" "
                                                               "&& region %in% c(\"R01\", \"R02\", \"R03\")"});
    specs[11].primary = true;
    SpecCurveOptions options;
    options.width = 500;
    options.title = "Upgrading and participation in global value chains across every specification of the batch";
    options.estimate_label = "gvc_participation (the coefficient of interest, in units of the outcome)";
    const std::string dir = testing::temp_dir();
    plot_spec_curve(specs, dir + "/edges.png", options);
    EXPECT_TRUE(edges_are_white(dir + "/edges.png", 3));
    plot_spec_curve(specifications(), dir + "/plain.png");
    EXPECT_TRUE(edges_are_white(dir + "/plain.png", 3));
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
