#include "reports/plot_axes.hpp"

#include <algorithm>

namespace gvcpanel::reports {

namespace {

constexpr double kFont = 12;

double step_of(const std::vector<double>& ticks) { return ticks.size() > 1 ? ticks[1] - ticks[0] : 1; }

}  // namespace

void draw_axes(Canvas& canvas, const PlotArea& area, const std::vector<double>& x_ticks,
               const std::vector<double>& y_ticks, const std::string& x_title, const std::string& y_title) {
    const double left = area.left, right = area.right, top = area.top, bottom = area.bottom;
    for (double tick : y_ticks) canvas.line(left, area.y(tick), right, area.y(tick), kLightGrey, 1);
    for (double tick : x_ticks) canvas.line(area.x(tick), top, area.x(tick), bottom, kLightGrey, 1);
    canvas.line(left, bottom, right, bottom, kBlack, 1);
    canvas.line(left, top, left, bottom, kBlack, 1);
    for (double tick : x_ticks) {
        canvas.line(area.x(tick), bottom, area.x(tick), bottom + 5, kBlack, 1);
        canvas.text(tick_label(tick, step_of(x_ticks)), area.x(tick), bottom + 16, Anchor::centre, kFont);
    }
    for (double tick : y_ticks) {
        canvas.line(left - 5, area.y(tick), left, area.y(tick), kBlack, 1);
        canvas.text(tick_label(tick, step_of(y_ticks)), left - 8, area.y(tick), Anchor::right, kFont);
    }
    canvas.text(x_title, (left + right) / 2, bottom + 38, Anchor::centre, kFont);
    canvas.text(y_title, left, top - 14, Anchor::left, kFont);
}

void draw_legend(Canvas& canvas, const PlotArea& area, double y, const std::vector<std::string>& names,
                 const std::vector<Color>& colors) {
    double total = 0;
    for (const auto& name : names) total += 22 + canvas.text_width(name, kFont) + 18;
    double x = std::max(area.left, (area.left + area.right - total) / 2);
    for (std::size_t m = 0; m < names.size(); ++m) {
        canvas.line(x, y, x + 16, y, colors[m], 2);
        canvas.filled_circle(x + 8, y, 4.5, colors[m]);
        canvas.text(names[m], x + 22, y, Anchor::left, kFont);
        x += 22 + canvas.text_width(names[m], kFont) + 18;
    }
}

}  // namespace gvcpanel::reports
