#include "reports/plot_threshold.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/error.hpp"
#include "reports/plot_canvas.hpp"

namespace gvcpanel::reports {

namespace {

constexpr double kFont = 11;
constexpr double kMargin = 14;
constexpr double kLeftAxis = 52;    // room for the LR tick labels
constexpr double kBottomAxis = 34;  // room for the gamma tick labels and the axis name
constexpr double kPanelTitle = 20;

struct Curve {
    std::vector<double> gamma, lr;
    double estimate = std::nan("");
};

std::vector<Curve> curves_of(const estimators::Result& result) {
    const auto& stats = result.stats;
    if (!stats.contains("threshold_lr") || !stats.at("threshold_lr").is_array() || !stats.contains("lr_critical"))
        throw Error("plot threshold: the result has no likelihood-ratio curves (threshold_lr): give the JSON of a "
                    "gvcpanel fit --estimator threshold");
    std::vector<Curve> curves;
    for (const auto& entry : stats.at("threshold_lr")) {
        Curve curve;
        curve.gamma = entry.at("gamma").get<std::vector<double>>();
        curve.lr = entry.at("lr").get<std::vector<double>>();
        const std::string key = "gamma" + std::to_string(curves.size() + 1);
        if (stats.contains(key) && stats.at(key).is_number()) curve.estimate = stats.at(key).get<double>();
        if (curve.gamma.empty() || curve.gamma.size() != curve.lr.size())
            throw Error("plot threshold: the LR curve of " + key + " is empty or its gamma and lr differ in length");
        curves.push_back(std::move(curve));
    }
    if (curves.empty()) throw Error("plot threshold: the result's threshold_lr holds no curve");
    return curves;
}

void draw_panel(Canvas& canvas, const Curve& curve, double critical, std::size_t index, std::size_t count,
                const ThresholdPlotOptions& options, double top) {
    const double left = kMargin + kLeftAxis, right = canvas.width() - kMargin;
    const double plot_top = top + kPanelTitle, bottom = top + options.panel_height - kBottomAxis;
    const auto [g_min, g_max] = std::minmax_element(curve.gamma.begin(), curve.gamma.end());
    const double lr_max = std::max(*std::max_element(curve.lr.begin(), curve.lr.end()), critical) * 1.05;
    const double g_low = *g_min, g_high = *g_max > *g_min ? *g_max : *g_min + 1;
    const auto x = [&](double g) { return left + (g - g_low) / (g_high - g_low) * (right - left); };
    const auto y = [&](double lr) { return bottom - lr / lr_max * (bottom - plot_top); };

    const std::string title = count == 1 ? "Threshold" : "Threshold " + std::to_string(index + 1) + " of " + std::to_string(count);
    canvas.text(title, (left + right) / 2, top + kPanelTitle / 2, Anchor::centre, kFont, kBlack, true);
    const auto y_ticks = nice_ticks(0, lr_max, 5);
    for (const double t : y_ticks) {
        if (t > lr_max) continue;
        canvas.line(left, y(t), right, y(t), kLightGrey, 0.6);
        canvas.text(tick_label(t, y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : 1), left - 5, y(t), Anchor::right, kFont - 1);
    }
    const auto x_ticks = nice_ticks(g_low, g_high, 6);
    for (const double t : x_ticks) {
        if (t < g_low || t > g_high) continue;
        canvas.line(x(t), bottom, x(t), bottom + 4, kBlack, 0.8);
        canvas.text(tick_label(t, x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : 1), x(t), bottom + 12, Anchor::centre,
                    kFont - 1);
    }
    canvas.line(left, bottom, right, bottom, kBlack, 0.8);
    canvas.line(left, plot_top, left, bottom, kBlack, 0.8);
    canvas.text(options.variable, (left + right) / 2, bottom + 26, Anchor::centre, kFont);
    canvas.text("LR", kMargin, (plot_top + bottom) / 2, Anchor::left, kFont);
    canvas.line(left, y(critical), right, y(critical), series_color(1), 1.2, true);
    for (std::size_t c = 1; c < curve.gamma.size(); ++c)
        canvas.line(x(curve.gamma[c - 1]), y(curve.lr[c - 1]), x(curve.gamma[c]), y(curve.lr[c]), series_color(0), 1.2);
    if (std::isfinite(curve.estimate)) canvas.filled_circle(x(curve.estimate), y(0), 3, kBlack);
}

}  // namespace

void plot_threshold(const estimators::Result& result, const std::string& path, const ThresholdPlotOptions& options) {
    const auto curves = curves_of(result);
    const double critical = result.stats.at("lr_critical").get<double>();
    const double title_height = options.title.empty() ? 0 : 24;
    Canvas canvas(path, options.width, title_height + options.panel_height * double(curves.size()) + kMargin);
    canvas.filled_rectangle(0, 0, canvas.width(), canvas.height(), kWhite);
    if (!options.title.empty()) canvas.text(options.title, canvas.width() / 2, 14, Anchor::centre, kFont + 2, kBlack, true);
    for (std::size_t j = 0; j < curves.size(); ++j)
        draw_panel(canvas, curves[j], critical, j, curves.size(), options, title_height + options.panel_height * double(j));
    canvas.finish();
}

}  // namespace gvcpanel::reports
