#include "reports/plot_bacon.hpp"

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "reports/plot_axes.hpp"
#include "reports/plot_canvas.hpp"

namespace gvcpanel::reports {

namespace {

constexpr double kMargin = 16;
constexpr double kFont = 12;

const std::vector<std::pair<std::string, std::string>>& kinds() {
    static const std::vector<std::pair<std::string, std::string>> list = {
        {"treated_vs_never", "Treated vs never treated"},
        {"earlier_vs_later", "Earlier vs later treated"},
        {"later_vs_earlier", "Later vs earlier treated"},
        {"treated_vs_always", "Treated vs always treated"},
    };
    return list;
}

std::size_t kind_index(const std::string& name) {
    const std::string prefix = name.substr(0, name.find(':'));
    for (std::size_t k = 0; k < kinds().size(); ++k)
        if (kinds()[k].first == prefix) return k;
    throw Error("bacon plot: '" + name + "' is not a Goodman-Bacon comparison (a bacon result's row)");
}

}  // namespace

std::string bacon_kind(const std::string& row_name) { return kinds()[kind_index(row_name)].second; }

void plot_bacon(const estimators::Result& result, const std::string& path, double width, double height) {
    image_format(path);
    if (result.coef.empty()) throw Error("bacon plot: the result has no comparisons");
    double w_high = 0, low = 0, high = 0;
    std::vector<bool> present(kinds().size(), false);
    for (const auto& row : result.coef) {
        if (!std::isfinite(row.weight)) throw Error("bacon plot: row '" + row.name + "' has no weight; is it a bacon result?");
        present[kind_index(row.name)] = true;
        w_high = std::max(w_high, row.weight);
        low = std::min(low, row.estimate);
        high = std::max(high, row.estimate);
    }
    const double twfe = result.stats.contains("twfe") ? result.stats.at("twfe").get<double>() : std::nan("");
    std::vector<std::string> names;
    std::vector<Color> colors;
    for (std::size_t k = 0; k < kinds().size(); ++k)
        if (present[k]) {
            names.push_back(kinds()[k].second);
            colors.push_back(series_color(k));
        }
    Canvas canvas(path, width, height);
    const auto x_ticks = nice_ticks(0, w_high, 6);
    const auto y_ticks = nice_ticks(low, high, 6);
    double label_width = 0;
    for (double tick : y_ticks) label_width = std::max(label_width, canvas.text_width(tick_label(tick, y_ticks[1] - y_ticks[0]), kFont));
    const PlotArea area{kMargin + label_width + 14, width - kMargin, kMargin + 24 + 24, height - kMargin - 46,
                        // A little room left of zero, so that the lightest comparisons stand clear of the axis.
                        -0.03 * x_ticks.back(), x_ticks.back(), y_ticks.front(), y_ticks.back()};
    draw_axes(canvas, area, x_ticks, y_ticks, "Weight", "2x2 difference-in-differences estimate");
    draw_legend(canvas, area, kMargin + 10, names, colors);
    canvas.line(area.left, area.y(0), area.right, area.y(0), kGrey, 1);
    for (const auto& row : result.coef)
        canvas.filled_circle(area.x(row.weight), area.y(row.estimate), 5, series_color(kind_index(row.name)));
    if (std::isfinite(twfe)) {
        canvas.line(area.left, area.y(twfe), area.right, area.y(twfe), kBlack, 1.2, true);
        canvas.text("two-way FE: " + tick_label(twfe, 0.0001), area.right - 4, area.y(twfe) - 9, Anchor::right, 11);
    }
    canvas.finish();
}

}  // namespace gvcpanel::reports
