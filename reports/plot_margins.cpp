#include "reports/plot_margins.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/error.hpp"
#include "reports/plot_canvas.hpp"

namespace gvcpanel::reports {

namespace {

constexpr double kFont = 11;
constexpr double kMargin = 14;
constexpr double kLeftAxis = 58;    // room for the effect's tick labels
constexpr double kBottomAxis = 40;  // room for the rug, the moderator's tick labels and its name
constexpr double kPanelTitle = 20;

struct Curve {
    std::string variable, moderator;
    std::vector<double> z, effect, low, high;
    std::vector<double> bounds;
};

std::vector<Curve> curves_of(const estimators::Result& result) {
    if (!result.stats.contains("johnson_neyman"))
        throw Error("plot margins: the result has no effects over a moderator: give the JSON of gvcpanel fit "
                    "--margins-over \"z = from(step)to\"");
    std::vector<Curve> curves;
    for (const auto& entry : result.stats.at("johnson_neyman")) {
        Curve curve;
        curve.variable = entry.at("variable").get<std::string>();
        curve.moderator = entry.at("moderator").get<std::string>();
        curve.bounds = entry.at("bounds").get<std::vector<double>>();
        const double critical = entry.at("critical").get<double>();
        for (const auto& row : result.margins) {
            if (row.name != curve.variable || row.at.size() != 1 || row.at.front().first != curve.moderator) continue;
            curve.z.push_back(row.at.front().second);
            curve.effect.push_back(row.effect);
            curve.low.push_back(row.effect - critical * row.se);
            curve.high.push_back(row.effect + critical * row.se);
        }
        if (curve.z.size() < 2)
            throw Error("plot margins: fewer than two grid points for " + curve.variable + " over " + curve.moderator);
        curves.push_back(std::move(curve));
    }
    if (curves.empty()) throw Error("plot margins: the result's johnson_neyman holds no variable");
    return curves;
}

void draw_panel(Canvas& canvas, const Curve& curve, const std::vector<double>& rug, double top, double height) {
    const double left = kMargin + kLeftAxis, right = canvas.width() - kMargin;
    const double plot_top = top + kPanelTitle, bottom = top + height - kBottomAxis;
    const double z_low = curve.z.front(), z_high = curve.z.back() > z_low ? curve.z.back() : z_low + 1;
    double e_low = std::min(0.0, *std::min_element(curve.low.begin(), curve.low.end()));
    double e_high = std::max(0.0, *std::max_element(curve.high.begin(), curve.high.end()));
    if (!(e_high > e_low)) e_high = e_low + 1;
    const double pad = 0.05 * (e_high - e_low);
    e_low -= pad;
    e_high += pad;
    const auto x = [&](double z) { return left + (z - z_low) / (z_high - z_low) * (right - left); };
    const auto y = [&](double e) { return bottom - (e - e_low) / (e_high - e_low) * (bottom - plot_top); };

    canvas.text("Marginal effect of " + curve.variable, (left + right) / 2, top + kPanelTitle / 2, Anchor::centre, kFont,
                kBlack, true);
    const auto y_ticks = nice_ticks(e_low, e_high, 5);
    for (const double t : y_ticks) {
        if (t < e_low || t > e_high) continue;
        canvas.line(left, y(t), right, y(t), kLightGrey, 0.6);
        canvas.text(tick_label(t, y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : 1), left - 5, y(t), Anchor::right,
                    kFont - 1);
    }
    const auto x_ticks = nice_ticks(z_low, z_high, 6);
    for (const double t : x_ticks) {
        if (t < z_low || t > z_high) continue;
        canvas.line(x(t), bottom, x(t), bottom + 4, kBlack, 0.8);
        canvas.text(tick_label(t, x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : 1), x(t), bottom + 16, Anchor::centre,
                    kFont - 1);
    }
    // The band: thin vertical slices between the bounds, interpolated along each grid step (the
    // canvas has no polygons), then its edges.
    const Color band{0.80, 0.88, 0.96};
    constexpr int kSlices = 12;
    for (std::size_t i = 1; i < curve.z.size(); ++i)
        for (int s = 0; s < kSlices; ++s) {
            const double f = (s + 0.5) / kSlices;
            const double high = curve.high[i - 1] + f * (curve.high[i] - curve.high[i - 1]);
            const double low = curve.low[i - 1] + f * (curve.low[i] - curve.low[i - 1]);
            const double left_x = x(curve.z[i - 1]) + s * (x(curve.z[i]) - x(curve.z[i - 1])) / kSlices;
            canvas.filled_rectangle(left_x, y(high), (x(curve.z[i]) - x(curve.z[i - 1])) / kSlices + 0.3, y(low) - y(high),
                                    band);
        }
    for (std::size_t i = 1; i < curve.z.size(); ++i) {
        canvas.line(x(curve.z[i - 1]), y(curve.low[i - 1]), x(curve.z[i]), y(curve.low[i]), series_color(0), 0.8);
        canvas.line(x(curve.z[i - 1]), y(curve.high[i - 1]), x(curve.z[i]), y(curve.high[i]), series_color(0), 0.8);
        canvas.line(x(curve.z[i - 1]), y(curve.effect[i - 1]), x(curve.z[i]), y(curve.effect[i]), series_color(0), 1.6);
    }
    canvas.line(left, y(0), right, y(0), kGrey, 1.0, true);
    for (const double bound : curve.bounds)
        if (bound >= z_low && bound <= z_high) canvas.line(x(bound), plot_top, x(bound), bottom, series_color(1), 1.2, true);
    for (const double value : rug)
        if (value >= z_low && value <= z_high) canvas.line(x(value), bottom - 6, x(value), bottom, kBlack, 0.6);
    canvas.line(left, bottom, right, bottom, kBlack, 0.8);
    canvas.line(left, plot_top, left, bottom, kBlack, 0.8);
    canvas.text(curve.moderator, (left + right) / 2, bottom + 32, Anchor::centre, kFont);
}

}  // namespace

void plot_margins(const estimators::Result& result, const std::string& path, const MarginsPlotOptions& options) {
    const auto curves = curves_of(result);
    std::vector<double> rug;
    if (result.stats.contains("moderator_percentiles"))
        rug = result.stats.at("moderator_percentiles").get<std::vector<double>>();
    const double title_height = options.title.empty() ? 0 : 24;
    Canvas canvas(path, options.width, title_height + options.panel_height * double(curves.size()) + kMargin);
    canvas.filled_rectangle(0, 0, canvas.width(), canvas.height(), kWhite);
    if (!options.title.empty()) canvas.text(options.title, canvas.width() / 2, 14, Anchor::centre, kFont + 2, kBlack, true);
    for (std::size_t j = 0; j < curves.size(); ++j)
        draw_panel(canvas, curves[j], rug, title_height + options.panel_height * double(j), options.panel_height);
    canvas.finish();
}

}  // namespace gvcpanel::reports
