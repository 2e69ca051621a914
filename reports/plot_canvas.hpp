// A drawing surface for plots, on cairo: the file format follows the extension (.png, .svg, .pdf,
// each through cairo's own surface) and drawing is in points from the top-left corner. Shared by
// the coefficient plot and the specification curve; cairo itself stays inside plot_canvas.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace gvcpanel::reports {

struct Color {
    double red = 0;
    double green = 0;
    double blue = 0;
};

inline constexpr Color kBlack{0, 0, 0};
inline constexpr Color kWhite{1, 1, 1};
inline constexpr Color kGrey{0.55, 0.55, 0.55};
inline constexpr Color kLightGrey{0.9, 0.9, 0.9};

// Okabe and Ito's colour-blind-safe palette, for series (models) in order; it repeats past 7.
Color series_color(std::size_t index);

enum class ImageFormat { png, svg, pdf };

// From the file's extension; another extension is an Error listing the three.
ImageFormat image_format(const std::string& path);

enum class Anchor { left, centre, right };  // where the given x sits on a text

class Canvas {
public:
    // A surface of width x height points (pixels for PNG) that will be written to `path`.
    Canvas(const std::string& path, double width, double height);
    ~Canvas();
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    double width() const { return width_; }
    double height() const { return height_; }

    void line(double x0, double y0, double x1, double y1, Color color, double line_width, bool dashed = false);
    void filled_rectangle(double x, double y, double w, double h, Color color);
    void filled_circle(double x, double y, double radius, Color color);
    // Text whose vertical middle is at y.
    void text(const std::string& text, double x, double y, Anchor anchor, double size, Color color = kBlack,
              bool bold = false);
    double text_width(const std::string& text, double size, bool bold = false) const;

    // Writes the file (whole or not at all: data/atomic_file); a failure is an Error naming the
    // path. Called once, after drawing.
    void finish();

private:
    struct Surface;
    std::unique_ptr<Surface> surface_;
    std::string path_;
    double width_;
    double height_;
};

// The width of `text` in points, measured as Canvas::text_width does, before a canvas exists (to size one).
double measure_text(const std::string& text, double size, bool bold = false);

// `text` cut at the end, with "...", to fit `width` points (the whole text when it fits).
std::string fitted_text(const std::string& text, double width, double size, bool bold = false);

// Rounded tick positions covering [low, high]: about `count` steps of 1, 2 or 5 times a power of 10.
std::vector<double> nice_ticks(double low, double high, int count);

// A tick label with just the decimals the step needs ("0.25", "-1", "0").
std::string tick_label(double value, double step);

}  // namespace gvcpanel::reports
