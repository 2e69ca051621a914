#include "reports/plot_canvas.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "data/atomic_file.hpp"
#include "data/error.hpp"
#include "reports/format_number.hpp"

namespace gvcpanel::reports {

// The cairo surface and the file it streams into (data/atomic_file: the plot appears whole or
// not at all). Members are destroyed after the body, so the file outlives cairo's last write.
struct Canvas::Surface {
    data::AtomicFile file;
    std::string write_error;  // the first failed write, for finish()
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    ImageFormat format = ImageFormat::png;
    bool finished = false;

    explicit Surface(const std::string& path) : file(path) {}
    ~Surface() {
        if (cr != nullptr) cairo_destroy(cr);
        if (surface != nullptr) cairo_surface_destroy(surface);
    }

    // cairo's write callback: C code, so the Error is kept instead of thrown through it.
    static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) {
        auto* self = static_cast<Surface*>(closure);
        try {
            self->file.write({reinterpret_cast<const char*>(data), length});
            return CAIRO_STATUS_SUCCESS;
        } catch (const Error& e) {
            if (self->write_error.empty()) self->write_error = e.what();
            return CAIRO_STATUS_WRITE_ERROR;
        }
    }
};

Color series_color(std::size_t index) {
    static const std::vector<Color> palette = {
        {0.000, 0.447, 0.698},  // blue
        {0.835, 0.369, 0.000},  // vermillion
        {0.000, 0.620, 0.451},  // bluish green
        {0.800, 0.475, 0.655},  // reddish purple
        {0.902, 0.624, 0.000},  // orange
        {0.337, 0.706, 0.914},  // sky blue
        {0.941, 0.894, 0.259},  // yellow
    };
    return palette[index % palette.size()];
}

ImageFormat image_format(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".png") return ImageFormat::png;
    if (extension == ".svg") return ImageFormat::svg;
    if (extension == ".pdf") return ImageFormat::pdf;
    throw Error("plot file '" + path + "': the extension must be .png, .svg or .pdf");
}

Canvas::Canvas(const std::string& path, double width, double height)
    : path_(path), width_(width), height_(height) {
    if (!(width >= 50 && height >= 50 && width <= 20000 && height <= 20000))
        throw Error("plot size " + fixed(width, 0) + " x " + fixed(height, 0) + ": each side must lie between 50 and 20000");
    const ImageFormat format = image_format(path);
    surface_ = std::make_unique<Surface>(path);
    surface_->format = format;
    switch (format) {
        case ImageFormat::png:
            surface_->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(std::lround(width)),
                                                           static_cast<int>(std::lround(height)));
            break;
        case ImageFormat::svg:
            surface_->surface = cairo_svg_surface_create_for_stream(Surface::write, surface_.get(), width, height);
            break;
        case ImageFormat::pdf:
            surface_->surface = cairo_pdf_surface_create_for_stream(Surface::write, surface_.get(), width, height);
            break;
    }
    if (cairo_surface_status(surface_->surface) != CAIRO_STATUS_SUCCESS)
        throw Error("cannot write the plot '" + path + "': " + cairo_status_to_string(cairo_surface_status(surface_->surface)));
    surface_->cr = cairo_create(surface_->surface);
    filled_rectangle(0, 0, width, height, kWhite);
}

Canvas::~Canvas() = default;

void Canvas::line(double x0, double y0, double x1, double y1, Color color, double line_width, bool dashed) {
    cairo_t* cr = surface_->cr;
    cairo_save(cr);
    cairo_set_source_rgb(cr, color.red, color.green, color.blue);
    cairo_set_line_width(cr, line_width);
    if (dashed) {
        const double dash[] = {4.0, 3.0};
        cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void Canvas::filled_rectangle(double x, double y, double w, double h, Color color) {
    cairo_t* cr = surface_->cr;
    cairo_set_source_rgb(cr, color.red, color.green, color.blue);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
}

void Canvas::filled_circle(double x, double y, double radius, Color color) {
    cairo_t* cr = surface_->cr;
    cairo_set_source_rgb(cr, color.red, color.green, color.blue);
    cairo_arc(cr, x, y, radius, 0, 2 * M_PI);
    cairo_fill(cr);
}

namespace {

void select_font(cairo_t* cr, double size, bool bold) {
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

}  // namespace

void Canvas::text(const std::string& text, double x, double y, Anchor anchor, double size, Color color, bool bold) {
    cairo_t* cr = surface_->cr;
    select_font(cr, size, bold);
    cairo_text_extents_t extents;
    cairo_text_extents(cr, text.c_str(), &extents);
    double left = x - extents.x_bearing;
    if (anchor == Anchor::centre) left = x - extents.x_advance / 2;
    if (anchor == Anchor::right) left = x - extents.x_advance;
    // Middle of the capital letters: about 0.35 of the font size above the baseline.
    cairo_set_source_rgb(cr, color.red, color.green, color.blue);
    cairo_move_to(cr, left, y + 0.35 * size);
    cairo_show_text(cr, text.c_str());
}

double Canvas::text_width(const std::string& text, double size, bool bold) const {
    cairo_t* cr = surface_->cr;
    select_font(cr, size, bold);
    cairo_text_extents_t extents;
    cairo_text_extents(cr, text.c_str(), &extents);
    return extents.x_advance;
}

double measure_text(const std::string& text, double size, bool bold) {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t* cr = cairo_create(surface);
    select_font(cr, size, bold);
    cairo_text_extents_t extents;
    cairo_text_extents(cr, text.c_str(), &extents);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return extents.x_advance;
}

std::string fitted_text(const std::string& text, double width, double size, bool bold) {
    if (measure_text(text, size, bold) <= width) return text;
    std::string cut = text;
    while (!cut.empty()) {
        unsigned char last = 0;
        do {  // one UTF-8 character: its continuation bytes, then its first byte
            last = static_cast<unsigned char>(cut.back());
            cut.pop_back();
        } while (!cut.empty() && (last & 0xC0) == 0x80);
        if (measure_text(cut + "...", size, bold) <= width) return cut + "...";
    }
    return "...";
}

void Canvas::finish() {
    if (surface_->finished) return;
    surface_->finished = true;
    cairo_status_t status = cairo_status(surface_->cr);
    if (status == CAIRO_STATUS_SUCCESS && surface_->format == ImageFormat::png)
        status = cairo_surface_write_to_png_stream(surface_->surface, Surface::write, surface_.get());
    cairo_surface_finish(surface_->surface);
    if (!surface_->write_error.empty()) throw Error(surface_->write_error);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_->surface);
    if (status != CAIRO_STATUS_SUCCESS)
        throw Error("cannot write the plot '" + path_ + "': " + cairo_status_to_string(status));
    surface_->file.commit();
}

std::vector<double> nice_ticks(double low, double high, int count) {
    if (!(high > low)) {
        const double pad = low == 0 ? 1 : std::abs(low) * 0.1;
        low -= pad;
        high += pad;
    }
    const double raw = (high - low) / std::max(count, 1);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double factor : {1.0, 2.0, 5.0, 10.0})
        if (raw <= factor * power) {
            step = factor * power;
            break;
        }
    std::vector<double> ticks;
    for (double t = std::floor(low / step) * step; t <= high + step * 1e-9; t += step)
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    if (ticks.back() < high) ticks.push_back(ticks.back() + step);
    return ticks;
}

std::string tick_label(double value, double step) {
    const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    return fixed(value, decimals);
}

}  // namespace gvcpanel::reports
