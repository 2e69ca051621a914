// A rectangular data region on a Canvas with its two axes: value-to-point mapping, grid lines,
// ticks with labels, axis titles and a legend row. Shared by the event-study plot and the
// Goodman-Bacon scatter.
#pragma once

#include <string>
#include <vector>

#include "reports/plot_canvas.hpp"

namespace gvcpanel::reports {

struct PlotArea {
    double left = 0, right = 0, top = 0, bottom = 0;  // points
    double x_low = 0, x_high = 1, y_low = 0, y_high = 1;  // data

    double x(double value) const { return left + (value - x_low) / (x_high - x_low) * (right - left); }
    double y(double value) const { return bottom - (value - y_low) / (y_high - y_low) * (bottom - top); }
};

// Draws the grid and both axes of `area` with `x_ticks` and `y_ticks` (inside its ranges), the x
// title below and the y title above the region's top-left corner.
void draw_axes(Canvas& canvas, const PlotArea& area, const std::vector<double>& x_ticks,
               const std::vector<double>& y_ticks, const std::string& x_title, const std::string& y_title);

// One legend row centred above `area`: a marker in each colour and its name.
void draw_legend(Canvas& canvas, const PlotArea& area, double y, const std::vector<std::string>& names,
                 const std::vector<Color>& colors);

}  // namespace gvcpanel::reports
