#include "reports/plot_spec_curve.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/error.hpp"
#include "reports/format_number.hpp"
#include "reports/plot_canvas.hpp"
#include "reports/plot_coef.hpp"

namespace gvcpanel::reports {

namespace {

constexpr double kFont = 12;
constexpr double kMargin = 16;
constexpr double kChoiceRow = 18;     // height of one choice in the indicator panel
constexpr double kCategoryGap = 10;   // extra space above each category

struct ChoiceRow {
    std::string category;
    std::string value;
    bool first_of_category = false;
};

// Categories in order of first appearance, their values likewise.
std::vector<ChoiceRow> choice_rows(const std::vector<Specification>& specifications) {
    std::vector<std::string> categories;
    std::vector<std::vector<std::string>> values;
    for (const auto& spec : specifications)
        for (const auto& [category, value] : spec.choices) {
            auto it = std::find(categories.begin(), categories.end(), category);
            if (it == categories.end()) {
                categories.push_back(category);
                values.emplace_back();
                it = categories.end() - 1;
            }
            auto& list = values[static_cast<std::size_t>(it - categories.begin())];
            if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
        }
    std::vector<ChoiceRow> rows;
    for (std::size_t c = 0; c < categories.size(); ++c)
        for (std::size_t v = 0; v < values[c].size(); ++v) rows.push_back({categories[c], values[c][v], v == 0});
    return rows;
}

}  // namespace

void SpecCurveOptions::validate() const {
    if (!(width >= 300)) throw Error("specification curve: width is " + fixed(width, 0) + "; it must be 300 or more");
    if (height != 0 && !(height >= 200))
        throw Error("specification curve: height is " + fixed(height, 0) + "; it must be 0 (automatic) or 200 or more");
}

Specification specification(const estimators::Result& result, const std::string& term,
                            std::vector<std::pair<std::string, std::string>> choices, double level) {
    const auto& row = result.coefficient(term);
    const auto [low, high] = confidence_interval(row, level);
    return {row.estimate, low, high, std::move(choices)};
}

void plot_spec_curve(const std::vector<Specification>& specifications, const std::string& path,
                     const SpecCurveOptions& options) {
    options.validate();
    if (specifications.empty()) throw Error("a specification curve needs at least one specification");
    for (std::size_t i = 0; i < specifications.size(); ++i) {
        const auto& s = specifications[i];
        if (!std::isfinite(s.estimate) || !(s.ci_low <= s.estimate && s.estimate <= s.ci_high))
            throw Error("specification " + std::to_string(i + 1) + ": the estimate " + fixed(s.estimate, 4) +
                        " must be finite and lie inside its interval [" + fixed(s.ci_low, 4) + ", " +
                        fixed(s.ci_high, 4) + "]");
    }
    image_format(path);

    std::vector<std::size_t> order(specifications.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return specifications[a].estimate < specifications[b].estimate;
    });
    const auto rows = choice_rows(specifications);
    std::size_t categories = 0;
    for (const auto& row : rows) categories += row.first_of_category ? 1 : 0;

    const double top = kMargin + (options.title.empty() ? 0 : 28);
    const double curve_height = 260;
    const double indicator_height = kChoiceRow * static_cast<double>(rows.size() + categories) +
                                    kCategoryGap * static_cast<double>(categories);
    const double height = options.height > 0 ? options.height
                                             : top + curve_height + 30 + indicator_height + 40 + kMargin;
    Canvas canvas(path, options.width, height);

    double label_width = canvas.text_width(options.estimate_label, kFont);
    for (const auto& row : rows) {
        label_width = std::max(label_width, canvas.text_width(row.value, kFont) + 10);
        label_width = std::max(label_width, canvas.text_width(row.category, kFont, true));
    }
    const double left = kMargin + label_width + 14;
    const double right = options.width - kMargin;
    const double curve_bottom = top + curve_height;
    const double indicator_top = curve_bottom + 30;
    const double n = static_cast<double>(specifications.size());
    auto x_of = [&](std::size_t rank) { return left + (static_cast<double>(rank) + 0.5) / n * (right - left); };

    double low = 0, high = 0;
    for (const auto& s : specifications) {
        low = std::min(low, s.ci_low);
        high = std::max(high, s.ci_high);
    }
    const auto ticks = nice_ticks(low, high, 5);
    auto y_of = [&](double value) {
        return curve_bottom - (value - ticks.front()) / (ticks.back() - ticks.front()) * (curve_bottom - top);
    };
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;

    if (!options.title.empty()) canvas.text(options.title, options.width / 2, kMargin + 10, Anchor::centre, 16, kBlack, true);
    for (double tick : ticks) {
        canvas.line(left, y_of(tick), right, y_of(tick), kLightGrey, 1);
        canvas.text(tick_label(tick, step), left - 8, y_of(tick), Anchor::right, kFont);
    }
    canvas.line(left, y_of(0), right, y_of(0), kGrey, 1.2, true);
    canvas.line(left, top, left, curve_bottom, kBlack, 1);
    canvas.text(options.estimate_label, kMargin, top - 2 + (options.title.empty() ? 6 : 0), Anchor::left, kFont, kBlack, true);

    const double dot = std::clamp(0.35 * (right - left) / n, 1.5, 4.0);
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const auto& s = specifications[order[rank]];
        if (s.primary) continue;
        const bool excludes_zero = s.ci_low > 0 || s.ci_high < 0;
        const Color color = excludes_zero ? series_color(0) : kGrey;
        canvas.line(x_of(rank), y_of(s.ci_low), x_of(rank), y_of(s.ci_high), color, std::max(0.8, dot * 0.5));
        canvas.filled_circle(x_of(rank), y_of(s.estimate), dot, color);
    }
    // Drawn last, so that no neighbour covers it.
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const auto& s = specifications[order[rank]];
        if (!s.primary) continue;
        canvas.line(x_of(rank), y_of(s.ci_low), x_of(rank), y_of(s.ci_high), kPrimaryColor, std::max(1.2, dot * 0.7));
        canvas.filled_circle(x_of(rank), y_of(s.estimate), dot + 2, kPrimaryColor);
        canvas.text("primary", x_of(rank), std::max(y_of(s.ci_high) - 10, kMargin / 2), Anchor::centre, kFont,
                    kPrimaryColor, true);
    }

    // The indicator panel: one row per choice, grouped by category, a mark where a specification made it.
    double y = indicator_top;
    for (const auto& row : rows) {
        if (row.first_of_category) {
            y += kCategoryGap;
            canvas.text(row.category, kMargin, y, Anchor::left, kFont, kBlack, true);
            y += kChoiceRow;
        }
        canvas.text(row.value, left - 8, y, Anchor::right, kFont);
        canvas.line(left, y, right, y, kLightGrey, 0.6);
        for (std::size_t rank = 0; rank < order.size(); ++rank) {
            const auto& s = specifications[order[rank]];
            const bool made = std::find(s.choices.begin(), s.choices.end(), std::make_pair(row.category, row.value)) !=
                              s.choices.end();
            if (made) canvas.filled_rectangle(x_of(rank) - dot, y - 4, 2 * dot, 8, s.primary ? kPrimaryColor : kBlack);
        }
        y += kChoiceRow;
    }
    const bool any_primary = std::any_of(specifications.begin(), specifications.end(),
                                         [](const Specification& s) { return s.primary; });
    canvas.text(std::to_string(specifications.size()) +
                    " specifications, sorted by estimate; in blue where the interval excludes zero" +
                    (any_primary ? "; the primary one in vermillion, labelled" : ""),
                (left + right) / 2, y + 14, Anchor::centre, kFont);
    canvas.finish();
}

}  // namespace gvcpanel::reports
