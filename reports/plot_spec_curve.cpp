// Layout, left to right: the labels of the indicator panel's choices (cut with "..." past 40% of
// the width), then the facets side by side, each as wide as its share of the specifications so
// that every specification has the same column in the curve and in the indicator panel, with the
// tick labels of the second and later facets in a gap before them. Every label is placed or cut so
// that it stays inside the image.
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
constexpr double kChoiceRow = 18;        // height of one choice in the indicator panel
constexpr double kCategoryGap = 10;      // extra space above each category
constexpr double kLabelShare = 0.4;      // the most of the width the choice labels may take
constexpr double kMinCurveHeight = 120;  // the upper panel, when the height is given
constexpr double kCurveHeight = 260;     // the upper panel, when the height is automatic
constexpr double kFacetTitle = 20;       // room for a facet's title above its panel

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

// One upper panel: its specifications sorted by estimate, its axis, and where it sits.
struct Facet {
    std::string title;
    std::vector<std::size_t> order;  // indices into the specifications, by increasing estimate
    std::vector<double> ticks;
    double step = 1;
    double left = 0, right = 0;      // the panel's horizontal extent
    double tick_width = 0;           // the widest tick label
};

std::vector<double> axis_ticks(const std::vector<Specification>& specs, const std::vector<std::size_t>& members) {
    double low = 0, high = 0;
    for (const auto i : members) {
        low = std::min(low, specs[i].ci_low);
        high = std::max(high, specs[i].ci_high);
    }
    return nice_ticks(low, high, 5);
}

// The extent from zero of a facet's intervals, what its axis must cover.
double extent(const std::vector<Specification>& specs, const std::vector<std::size_t>& members) {
    double most = 0;
    for (const auto i : members) most = std::max({most, std::abs(specs[i].ci_low), std::abs(specs[i].ci_high)});
    return most;
}

std::vector<Facet> facets_of(const std::vector<Specification>& specs, Show show) {
    std::vector<Facet> facets;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        auto it = std::find_if(facets.begin(), facets.end(), [&](const Facet& f) { return f.title == specs[i].facet; });
        if (it == facets.end()) {
            facets.push_back({specs[i].facet, {}, {}, 1, 0, 0, 0});
            it = facets.end() - 1;
        }
        it->order.push_back(i);
    }
    bool separate = facets.size() > 1 && show != Show::never;
    if (separate && show == Show::automatic) {
        double smallest = INFINITY, largest = 0;
        for (const auto& f : facets) {
            smallest = std::min(smallest, extent(specs, f.order));
            largest = std::max(largest, extent(specs, f.order));
        }
        separate = largest > kFacetScaleRatio * smallest;
    }
    if (!separate) {
        std::vector<std::size_t> all(specs.size());
        std::iota(all.begin(), all.end(), 0);
        facets = {{"", std::move(all), {}, 1, 0, 0, 0}};
    }
    for (auto& f : facets) {
        std::stable_sort(f.order.begin(), f.order.end(),
                         [&](std::size_t a, std::size_t b) { return specs[a].estimate < specs[b].estimate; });
        f.ticks = axis_ticks(specs, f.order);
        f.step = f.ticks.size() > 1 ? f.ticks[1] - f.ticks[0] : 1;
        for (double tick : f.ticks) f.tick_width = std::max(f.tick_width, measure_text(tick_label(tick, f.step), kFont));
    }
    return facets;
}

// The caption's words in lines no wider than `width`, split after "; ".
std::vector<std::string> caption_lines(const std::string& caption, double width) {
    std::vector<std::string> lines{""};
    std::size_t start = 0;
    while (start < caption.size()) {
        std::size_t end = caption.find("; ", start);
        end = end == std::string::npos ? caption.size() : end + 2;
        const std::string piece = caption.substr(start, end - start);
        if (!lines.back().empty() && measure_text(lines.back() + piece, kFont) > width) lines.emplace_back();
        lines.back() += piece;
        start = end;
    }
    for (auto& line : lines) line = fitted_text(line, width, kFont);
    return lines;
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
    return {row.estimate, low, high, std::move(choices), false, result.outcome};
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

    auto facets = facets_of(specifications, options.facets);
    const bool faceted = facets.size() > 1;
    const auto rows = choice_rows(specifications);
    std::size_t categories = 0;
    for (const auto& row : rows) categories += row.first_of_category ? 1 : 0;

    // Widths: the label column holds the choices, the category names and the first facet's ticks.
    const double most_label = kLabelShare * options.width;
    double label_width = facets.front().tick_width;
    for (const auto& row : rows) {
        label_width = std::max(label_width, std::min(measure_text(row.value, kFont), most_label));
        label_width = std::max(label_width, std::min(measure_text(row.category, kFont, true), most_label));
    }
    const double left = kMargin + label_width + 14;
    const double right = options.width - kMargin;
    double gaps = 0;
    for (std::size_t f = 1; f < facets.size(); ++f) gaps += facets[f].tick_width + 22;
    const double column = (right - left - gaps) / static_cast<double>(specifications.size());
    if (!(column > 0))
        throw Error("specification curve: " + std::to_string(specifications.size()) +
                    " specifications do not fit in a width of " + fixed(options.width, 0) + "; give a larger width");
    double x = left;
    for (std::size_t f = 0; f < facets.size(); ++f) {
        if (f > 0) x += facets[f].tick_width + 22;
        facets[f].left = x;
        x += column * static_cast<double>(facets[f].order.size());
        facets[f].right = x;
    }

    // Heights: title, estimate label, facet titles, the curve, the indicator panel, the caption.
    const bool any_primary = std::any_of(specifications.begin(), specifications.end(),
                                         [](const Specification& s) { return s.primary; });
    const auto caption = caption_lines(std::to_string(specifications.size()) + " specifications, sorted by estimate" +
                                           (faceted ? " within each outcome" : "") +
                                           "; in blue where the interval excludes zero" +
                                           (any_primary ? "; the primary one in vermillion, labelled" : ""),
                                       options.width - 2 * kMargin);
    const double top = kMargin + (options.title.empty() ? 0 : 28) + 16 + (faceted ? kFacetTitle : 0);
    const double indicator_height = kChoiceRow * static_cast<double>(rows.size() + categories) +
                                    kCategoryGap * static_cast<double>(categories);
    const double below_curve = 30 + indicator_height + 10 + 16 * static_cast<double>(caption.size()) + kMargin;
    const double curve_height =
        options.height > 0 ? std::max(kMinCurveHeight, options.height - top - below_curve) : kCurveHeight;
    const double height = options.height > 0 ? options.height : top + curve_height + below_curve;
    Canvas canvas(path, options.width, height);
    const double curve_bottom = top + curve_height;
    const double text_room = options.width - 2 * kMargin;

    if (!options.title.empty())
        canvas.text(fitted_text(options.title, text_room, 16, true), options.width / 2, kMargin + 10, Anchor::centre,
                    16, kBlack, true);
    canvas.text(fitted_text(options.estimate_label, text_room, kFont, true), kMargin,
                top - 10 - (faceted ? kFacetTitle : 0), Anchor::left, kFont, kBlack, true);

    const double dot = std::clamp(0.35 * column, 1.5, 4.0);
    std::vector<double> x_of(specifications.size());
    for (const auto& f : facets) {
        auto y_of = [&](double value) {
            return curve_bottom - (value - f.ticks.front()) / (f.ticks.back() - f.ticks.front()) * curve_height;
        };
        for (std::size_t rank = 0; rank < f.order.size(); ++rank)
            x_of[f.order[rank]] = f.left + (static_cast<double>(rank) + 0.5) * column;
        if (faceted)
            canvas.text(fitted_text(f.title, f.right - f.left + 20, kFont, true), (f.left + f.right) / 2,
                        top - kFacetTitle / 2 - 2, Anchor::centre, kFont, kBlack, true);
        for (double tick : f.ticks) {
            canvas.line(f.left, y_of(tick), f.right, y_of(tick), kLightGrey, 1);
            canvas.text(tick_label(tick, f.step), f.left - 8, y_of(tick), Anchor::right, kFont);
        }
        canvas.line(f.left, y_of(0), f.right, y_of(0), kGrey, 1.2, true);
        canvas.line(f.left, top, f.left, curve_bottom, kBlack, 1);
        // The primary specification is drawn last, so that no neighbour covers it.
        for (const bool primary : {false, true})
            for (const auto i : f.order) {
                const auto& s = specifications[i];
                if (s.primary != primary) continue;
                const Color color = primary ? kPrimaryColor : (s.ci_low > 0 || s.ci_high < 0) ? series_color(0) : kGrey;
                canvas.line(x_of[i], y_of(s.ci_low), x_of[i], y_of(s.ci_high), color,
                            primary ? std::max(1.2, dot * 0.7) : std::max(0.8, dot * 0.5));
                canvas.filled_circle(x_of[i], y_of(s.estimate), primary ? dot + 2 : dot, color);
                if (!primary) continue;
                // Above the interval when there is room in the panel, else below it; never past an
                // edge; on a white ground, so that neighbouring intervals do not cross it.
                const double half = canvas.text_width("primary", kFont, true) / 2;
                const double label_x = std::clamp(x_of[i], kMargin + half, options.width - kMargin - half);
                const double above = y_of(s.ci_high) - 10;
                const double label_y = above >= top + 6 ? above : std::min(y_of(s.ci_low) + 10, curve_bottom - 6);
                canvas.filled_rectangle(label_x - half - 2, label_y - kFont / 2 - 1, 2 * half + 4, kFont + 2, kWhite);
                canvas.text("primary", label_x, label_y, Anchor::centre, kFont, kPrimaryColor, true);
            }
    }

    // The indicator panel: one row per choice, grouped by category, a mark where a specification made it.
    double y = curve_bottom + 30;
    for (const auto& row : rows) {
        if (row.first_of_category) {
            y += kCategoryGap;
            canvas.text(fitted_text(row.category, text_room, kFont, true), kMargin, y, Anchor::left, kFont, kBlack, true);
            y += kChoiceRow;
        }
        canvas.text(fitted_text(row.value, label_width, kFont), left - 8, y, Anchor::right, kFont);
        for (const auto& f : facets) canvas.line(f.left, y, f.right, y, kLightGrey, 0.6);
        for (std::size_t i = 0; i < specifications.size(); ++i) {
            const auto& s = specifications[i];
            const bool made = std::find(s.choices.begin(), s.choices.end(), std::make_pair(row.category, row.value)) !=
                              s.choices.end();
            if (made) canvas.filled_rectangle(x_of[i] - dot, y - 4, 2 * dot, 8, s.primary ? kPrimaryColor : kBlack);
        }
        y += kChoiceRow;
    }
    y += 10;
    for (const auto& line : caption) {
        canvas.text(line, options.width / 2, y, Anchor::centre, kFont);
        y += 16;
    }
    canvas.finish();
}

}  // namespace gvcpanel::reports
