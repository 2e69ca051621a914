#include <gtest/gtest.h>

#include <cairo.h>

#include <cstdlib>
#include <fstream>

#include "cli/commands.hpp"
#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {

namespace {

// A path in single quotes, for a shell command.
std::string quoted(const std::string& path) {
    std::string text(1, '\'');
    text += path;
    text += '\'';
    return text;
}

}  // namespace

TEST(PlotCommand, CoefWritesThePngAtTheAskedSize) {
    const std::string out = testing::temp_dir() + "/coef.png";
    ASSERT_EQ(run_plot({"coef", testing::fixture("reports/models.json"), testing::fixture("reports/gmm.json"), "--out",
                        out, "--keep", "export_share", "log\\(.*\\)", "--level", "0.9", "--width", "640", "--height",
                        "360", "--models", "Pooled", "Firm FE", "Two-way FE", "GMM"}),
              0);
    cairo_surface_t* image = cairo_image_surface_create_from_png(out.c_str());
    ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
    EXPECT_EQ(cairo_image_surface_get_width(image), 640);
    EXPECT_EQ(cairo_image_surface_get_height(image), 360);
    cairo_surface_destroy(image);
}

TEST(PlotCommand, SvgByExtension) {
    const std::string out = testing::temp_dir() + "/coef.svg";
    ASSERT_EQ(run_plot({"coef", testing::fixture("reports/models.json"), "--out", out}), 0);
    std::ifstream in(out);
    std::string first;
    in >> first;
    EXPECT_EQ(first.substr(0, 5), "<?xml");
}

TEST(PlotCommand, MistakesAreErrors) {
    const std::string dir = testing::temp_dir();
    EXPECT_THROW(run_plot({"coefs", testing::fixture("reports/models.json"), "--out", dir + "/a.png"}), Error);
    EXPECT_THROW(run_plot({"coef", "--out", dir + "/a.png"}), Error);
    EXPECT_THROW(run_plot({"coef", testing::fixture("reports/models.json"), "--out", dir + "/a.bmp"}), Error);
    EXPECT_THROW(run_plot({"coef", testing::fixture("reports/models.json"), "--out", dir + "/a.png", "--level", "2"}),
                 Error);
    EXPECT_EQ(run_plot({}), 2);
}

TEST(PlotCommand, TheProgramRunsIt) {
    const std::string out = testing::temp_dir() + "/coef.pdf";
    const std::string command =
        quoted(testing::program()) + " plot coef " + quoted(testing::fixture("reports/models.json")) + " --out " +
        quoted(out) + " 2> /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(out, std::ios::binary);
    std::string magic(5, '\0');
    in.read(magic.data(), 5);
    EXPECT_EQ(magic, "%PDF-");
}

}  // namespace gvcpanel::cli
