#include "reports/plot_event.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "data/error.hpp"
#include "reports/format_number.hpp"
#include "reports/plot_axes.hpp"
#include "reports/plot_canvas.hpp"
#include "reports/plot_coef.hpp"

namespace gvcpanel::reports {

namespace {

constexpr double kFont = 12;
constexpr double kMargin = 16;

Color lighter(Color c, double keep) {
    return {1 - keep * (1 - c.red), 1 - keep * (1 - c.green), 1 - keep * (1 - c.blue)};
}

// The x ticks: every period when there are few, else rounded steps.
std::vector<double> time_ticks(double low, double high) {
    if (high - low <= 20 && low == std::floor(low) && high == std::floor(high)) {
        std::vector<double> ticks;
        for (double t = low; t <= high; ++t) ticks.push_back(t);
        if (ticks.size() == 1) ticks = {low - 1, low, low + 1};
        return ticks;
    }
    // Rounded steps, only those over the data: the axis ends half a period beyond the last event time.
    std::vector<double> ticks;
    for (double tick : nice_ticks(low, high, 8))
        if (tick >= low && tick <= high) ticks.push_back(tick);
    return ticks;
}

}  // namespace

void EventPlotOptions::validate() const {
    if (!(level > 0 && level < 1))
        throw Error("event plot: level is " + fixed(level, 4) + "; it must lie strictly between 0 and 1");
    if (!(width >= 300) || !(height >= 200))
        throw Error("event plot: the size must be at least 300 x 200 points");
}

std::vector<EventPoint> event_points(const estimators::Result& result, double level) {
    static const std::regex pattern(R"(^([^:]+)::(-?[0-9]+(\.[0-9]+)?)$)");
    std::map<std::string, std::vector<std::pair<double, const estimators::CoefRow*>>> by_prefix;
    for (const auto& row : result.coef) {
        std::smatch m;
        if (std::regex_match(row.name, m, pattern)) by_prefix[m[1]].emplace_back(std::stod(m[2]), &row);
    }
    if (by_prefix.empty())
        throw Error("event plot: the result (" + result.estimator + ", " + result.formula +
                    ") has no event-time rows such as event::-1 or year::0; for cs use --agg dynamic");
    const auto best = std::max_element(by_prefix.begin(), by_prefix.end(),
                                       [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
    const double crit = result.stats.contains("simultaneous_crit") && result.stats.at("simultaneous_crit").is_number()
                            ? result.stats.at("simultaneous_crit").get<double>()
                            : std::nan("");
    std::vector<EventPoint> points;
    for (const auto& [time, row] : best->second) {
        EventPoint p;
        p.time = time;
        p.estimate = row->estimate;
        if (!std::isfinite(row->se)) {
            p.reference = row->estimate == 0;
            p.low = p.high = row->estimate;
        } else {
            std::tie(p.low, p.high) = confidence_interval(*row, level);
            if (std::isfinite(crit)) {
                p.band_low = row->estimate - crit * row->se;
                p.band_high = row->estimate + crit * row->se;
            }
        }
        if (std::isfinite(p.estimate)) points.push_back(p);
    }
    std::sort(points.begin(), points.end(), [](const EventPoint& a, const EventPoint& b) { return a.time < b.time; });
    // A regression's omitted period: an integer missing between present ones (fixest marks it too).
    const bool regression = result.estimator != "cs" && result.estimator != "did-imputation";
    if (regression && !points.empty()) {
        std::vector<EventPoint> filled;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (i > 0 && points[i].time - points[i - 1].time == 2 && points[i].time == std::floor(points[i].time)) {
                EventPoint reference;
                reference.time = points[i].time - 1;
                reference.reference = true;
                filled.push_back(reference);
            }
            filled.push_back(points[i]);
        }
        points = std::move(filled);
    }
    return points;
}

std::string event_model_name(const estimators::Result& result) {
    if (result.estimator == "cs") return "Callaway-Sant'Anna";
    if (result.estimator == "did-imputation") return "Imputation (BJS)";
    if (result.formula.find("sunab(") != std::string::npos) return "Sun-Abraham";
    return "TWFE";
}

void plot_event(const std::vector<estimators::Result>& results, const std::string& path,
                const EventPlotOptions& options) {
    options.validate();
    if (results.empty()) throw Error("an event plot needs at least one result");
    if (!options.model_names.empty() && options.model_names.size() != results.size())
        throw Error("event plot: " + std::to_string(options.model_names.size()) + " model names for " +
                    std::to_string(results.size()) + " results");
    image_format(path);
    std::vector<std::vector<EventPoint>> series;
    double t_low = 1e300, t_high = -1e300, low = 0, high = 0;
    bool bands = false, references = false;
    for (const auto& result : results) {
        series.push_back(event_points(result, options.level));
        for (const auto& p : series.back()) {
            t_low = std::min(t_low, p.time);
            t_high = std::max(t_high, p.time);
            low = std::min({low, p.low, std::isfinite(p.band_low) ? p.band_low : p.low});
            high = std::max({high, p.high, std::isfinite(p.band_high) ? p.band_high : p.high});
            bands |= std::isfinite(p.band_low);
            references |= p.reference;
        }
    }
    std::vector<std::string> names = options.model_names;
    if (names.empty())
        for (const auto& result : results) names.push_back(event_model_name(result));
    std::vector<Color> colors;
    for (std::size_t m = 0; m < results.size(); ++m) colors.push_back(series_color(m));

    Canvas canvas(path, options.width, options.height);
    const double title_space = options.title.empty() ? 0 : 26;
    const double legend_space = results.size() > 1 ? 24 : 0;
    const double top = kMargin + title_space + legend_space + 24;
    const double bottom = options.height - kMargin - 62;  // the x title, then the note line below it
    const auto y_ticks = nice_ticks(low, high, 6);
    const auto x_ticks = time_ticks(t_low, t_high);
    double label_width = 0;
    for (double tick : y_ticks)
        label_width = std::max(label_width, canvas.text_width(tick_label(tick, y_ticks[1] - y_ticks[0]), kFont));
    // Half a period of room on each side, so that the first and last bars stand clear of the frame.
    const double pad = results.size() > 1 ? 0.6 : 0.5;
    const PlotArea area{kMargin + label_width + 14, options.width - kMargin, top, bottom,
                        std::min(x_ticks.front(), t_low) - pad, std::max(x_ticks.back(), t_high) + pad,
                        y_ticks.front(), y_ticks.back()};
    const std::string outcome = results.front().outcome;
    draw_axes(canvas, area, x_ticks, y_ticks, "Periods relative to treatment",
              "Effect on " + (outcome.empty() ? "the outcome" : outcome));
    if (!options.title.empty()) canvas.text(options.title, options.width / 2, kMargin + 8, Anchor::centre, 15, kBlack, true);
    if (results.size() > 1) draw_legend(canvas, area, kMargin + title_space + 10, names, colors);

    canvas.line(area.left, area.y(0), area.right, area.y(0), kGrey, 1.2);
    if (t_low < 0 && t_high >= 0) canvas.line(area.x(-0.5), top, area.x(-0.5), bottom, kGrey, 1.2, true);
    const double spread = results.size() == 1 ? 0 : std::min(0.5, 0.18 * double(results.size() - 1));
    for (std::size_t m = 0; m < series.size(); ++m) {
        const double offset = results.size() == 1 ? 0 : -spread / 2 + spread * double(m) / double(results.size() - 1);
        for (const auto& p : series[m]) {
            const double x = area.x(p.time + offset);
            if (p.reference) {
                canvas.filled_circle(x, area.y(0), 5, colors[m]);
                canvas.filled_circle(x, area.y(0), 3.2, {1, 1, 1});
                continue;
            }
            if (std::isfinite(p.band_low))
                canvas.line(x, area.y(p.band_low), x, area.y(p.band_high), lighter(colors[m], 0.35), 7);
            canvas.line(x, area.y(p.low), x, area.y(p.high), colors[m], 2);
            canvas.line(x - 4, area.y(p.low), x + 4, area.y(p.low), colors[m], 1.5);
            canvas.line(x - 4, area.y(p.high), x + 4, area.y(p.high), colors[m], 1.5);
            canvas.filled_circle(x, area.y(p.estimate), 4.5, colors[m]);
        }
    }
    std::string note = fixed(options.level * 100, 0) + "% pointwise intervals";
    if (bands) note += "; light bars: simultaneous band";
    if (references) note += "; hollow point: reference period";
    canvas.text(note, area.left, options.height - kMargin - 4, Anchor::left, 11, kGrey);
    canvas.finish();
}

}  // namespace gvcpanel::reports
