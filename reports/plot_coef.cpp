#include "reports/plot_coef.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <optional>

#include "data/error.hpp"
#include "reports/coefficient_rows.hpp"
#include "reports/format_number.hpp"
#include "reports/plot_canvas.hpp"

namespace gvcpanel::reports {

namespace {

constexpr double kFont = 13;        // term labels, ticks, legend
constexpr double kRowHeight = 30;   // per term and model
constexpr double kMargin = 16;

struct Point {
    double estimate, low, high;
};

}  // namespace

void CoefPlotOptions::validate() const {
    if (!(level > 0 && level < 1))
        throw Error("coefficient plot: level is " + fixed(level, 4) + "; it must lie strictly between 0 and 1");
    if (!(width >= 200)) throw Error("coefficient plot: width is " + fixed(width, 0) + "; it must be 200 or more");
    if (height != 0 && !(height >= 100))
        throw Error("coefficient plot: height is " + fixed(height, 0) + "; it must be 0 (automatic) or 100 or more");
    terms.validate();
}

std::pair<double, double> confidence_interval(const estimators::CoefRow& row, double level) {
    if (level == 0.95 && std::isfinite(row.ci_low) && std::isfinite(row.ci_high)) return {row.ci_low, row.ci_high};
    const double z = boost::math::quantile(boost::math::normal(), 0.5 + level / 2);
    return {row.estimate - z * row.se, row.estimate + z * row.se};
}

void plot_coef(const std::vector<estimators::Result>& results, const std::string& path,
               const CoefPlotOptions& options) {
    options.validate();
    if (results.empty()) throw Error("a coefficient plot needs at least one result");
    if (!options.model_names.empty() && options.model_names.size() != results.size())
        throw Error("coefficient plot: model_names has " + std::to_string(options.model_names.size()) +
                    " entries for " + std::to_string(results.size()) + " models");
    image_format(path);

    std::vector<const estimators::Result*> pointers;
    for (const auto& r : results) pointers.push_back(&r);
    auto names = term_names(pointers, options.terms);
    if (!options.intercept) std::erase(names, "(Intercept)");
    const auto terms = select_terms(names, options.terms);
    if (terms.empty()) throw Error("coefficient plot: no term to show");

    // points[t][m]: term t in model m, when the model has it.
    std::vector<std::vector<std::optional<Point>>> points(terms.size(), std::vector<std::optional<Point>>(results.size()));
    double low = 0, high = 0;  // zero is always in view
    for (std::size_t m = 0; m < results.size(); ++m)
        for (const auto& row : results[m].coef) {
            const auto it = std::find(terms.begin(), terms.end(), renamed(row.name, options.terms));
            if (it == terms.end() || !std::isfinite(row.estimate)) continue;
            auto [lo, hi] = confidence_interval(row, options.level);
            if (!std::isfinite(lo) || !std::isfinite(hi)) lo = hi = row.estimate;
            points[static_cast<std::size_t>(it - terms.begin())][m] = Point{row.estimate, lo, hi};
            low = std::min(low, lo);
            high = std::max(high, hi);
        }

    std::vector<std::string> legend = options.model_names;
    if (legend.empty())
        for (std::size_t m = 0; m < results.size(); ++m) legend.push_back(enclosed('(', std::to_string(m + 1), ')'));
    const bool show_legend = results.size() > 1;
    const double band = kRowHeight * std::max<double>(1.0, 0.6 * static_cast<double>(results.size()));
    const double top = kMargin + (options.title.empty() ? 0 : 28) + (show_legend ? 28 : 0);
    const double axis_space = 58;  // tick labels and the axis title
    const double height = options.height > 0 ? options.height : top + band * static_cast<double>(terms.size()) + axis_space + kMargin;
    Canvas canvas(path, options.width, height);

    std::vector<std::string> labels;
    double label_width = 0;
    for (const auto& term : terms) {
        labels.push_back(term_label(term, options.labels));
        label_width = std::max(label_width, canvas.text_width(labels.back(), kFont));
    }
    const double left = kMargin + label_width + 12;
    const double right = options.width - kMargin - 8;
    const double bottom = height - axis_space - kMargin;
    const double row_height = (bottom - top) / static_cast<double>(terms.size());
    const auto ticks = nice_ticks(low, high, 6);
    const double x_low = ticks.front(), x_high = ticks.back();
    auto x_of = [&](double value) { return left + (value - x_low) / (x_high - x_low) * (right - left); };

    if (!options.title.empty()) canvas.text(options.title, options.width / 2, kMargin + 10, Anchor::centre, 16, kBlack, true);
    if (show_legend) {
        double total = 0;
        for (const auto& name : legend) total += 22 + canvas.text_width(name, kFont) + 18;
        double x = std::max(left, (left + right - total) / 2);
        const double y = top - 18;
        for (std::size_t m = 0; m < legend.size(); ++m) {
            canvas.line(x, y, x + 16, y, series_color(m), 2);
            canvas.filled_circle(x + 8, y, 4.5, series_color(m));
            canvas.text(legend[m], x + 22, y, Anchor::left, kFont);
            x += 22 + canvas.text_width(legend[m], kFont) + 18;
        }
    }
    for (double tick : ticks) canvas.line(x_of(tick), top, x_of(tick), bottom, kLightGrey, 1);
    for (std::size_t t = 1; t < terms.size(); ++t)
        canvas.line(left, top + row_height * static_cast<double>(t), right, top + row_height * static_cast<double>(t), kLightGrey, 0.6);
    canvas.line(x_of(0), top, x_of(0), bottom, kGrey, 1.2, true);

    for (std::size_t t = 0; t < terms.size(); ++t) {
        const double middle = top + row_height * (static_cast<double>(t) + 0.5);
        canvas.text(labels[t], left - 12, middle, Anchor::right, kFont);
        const double spread = std::min(row_height * 0.7, 14.0 * static_cast<double>(results.size() - 1));
        for (std::size_t m = 0; m < results.size(); ++m) {
            if (!points[t][m]) continue;
            const double offset = results.size() == 1 ? 0
                                  : -spread / 2 + spread * static_cast<double>(m) / static_cast<double>(results.size() - 1);
            const double y = middle + offset;
            const auto& p = *points[t][m];
            canvas.line(x_of(p.low), y, x_of(p.high), y, series_color(m), 2.2);
            canvas.line(x_of(p.low), y - 4, x_of(p.low), y + 4, series_color(m), 1.5);
            canvas.line(x_of(p.high), y - 4, x_of(p.high), y + 4, series_color(m), 1.5);
            canvas.filled_circle(x_of(p.estimate), y, 4.5, series_color(m));
        }
    }

    canvas.line(left, bottom, right, bottom, kBlack, 1);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
    for (double tick : ticks) {
        canvas.line(x_of(tick), bottom, x_of(tick), bottom + 5, kBlack, 1);
        canvas.text(tick_label(tick, step), x_of(tick), bottom + 16, Anchor::centre, kFont);
    }
    const std::string axis = "Estimate with " + fixed(options.level * 100, options.level * 100 == std::round(options.level * 100) ? 0 : 1) +
                             "% confidence interval";
    canvas.text(axis, (left + right) / 2, bottom + 40, Anchor::centre, kFont);
    canvas.finish();
}

}  // namespace gvcpanel::reports
