// Stata's xtsum definitions (xtsum.ado): overall statistics over the observations with a value;
// between = the entity means xbar_i, one per entity; within = x_it - xbar_i + xbar over the
// observations (the global mean added back so that its range reads on the scale of x). Every sd
// has the n - 1 denominator of its own count. Means and sds are two-pass for accuracy.
#include "data/describe.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>
#include <sstream>

namespace gvcpanel::data {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// sqrt(sum of squares / (count - 1)); NaN below two values.
double sample_sd(double sum_of_squares, std::size_t count) {
    return count < 2 ? kMissing : std::sqrt(sum_of_squares / static_cast<double>(count - 1));
}

// Stata-like %9.0g: up to 7 significant digits, "." when missing.
std::string number(double v) {
    if (std::isnan(v)) return ".";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.7g", v);
    return buffer;
}

std::string pad_left(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string pad_right(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

// xtdescribe's distribution of T_i and its table of participation patterns.
void render_participation(std::ostream& out, const PanelDescription& d) {
    const auto& p = d.participation;
    if (p.periods_percentiles.empty()) return;
    const std::size_t w = 8;
    out << "  " << pad_right("distribution of T_i", 20) << pad_left("min", w);
    for (const double percent : kParticipationPercents) out << pad_left(number(percent) + "%", w);
    out << pad_left("max", w) << "\n"
        << std::string(22, ' ') << pad_left(std::to_string(d.periods_per_entity.min), w);
    for (const double value : p.periods_percentiles) out << pad_left(number(value), w);
    out << pad_left(std::to_string(d.periods_per_entity.max), w) << "\n";
    if (p.patterns.empty()) return;

    const auto width = p.patterns.front().pattern.size();
    out << "\n"
        << pad_left("Freq.", 10) << pad_left("Percent", 9) << pad_left("Cum.", 8) << " | Pattern ("
        << d.first_period << " to " << d.last_period << ", 1 = observed)\n"
        << std::string(27, '-') << "+" << std::string(width + 2, '-') << "\n";
    double cumulative = 0;
    char percent[16];
    const auto line = [&](std::size_t entities, const std::string& pattern, bool total) {
        const double share =
            100.0 * static_cast<double>(entities) / static_cast<double>(d.n_entities);
        cumulative += share;
        std::snprintf(percent, sizeof percent, "%9.2f", share);
        out << pad_left(std::to_string(entities), 10) << percent;
        std::snprintf(percent, sizeof percent, "%8.2f", cumulative);
        out << (total ? std::string(8, ' ') : std::string(percent)) << " | " << pattern << "\n";
    };
    for (const auto& pattern : p.patterns) line(pattern.entities, pattern.pattern, false);
    if (p.other_entities > 0) line(p.other_entities, "(other patterns)", false);
    out << std::string(27, '-') << "+" << std::string(width + 2, '-') << "\n";
    line(d.n_entities, std::string(width, 'X'), true);
}

}  // namespace

VariableSummary summarize(const PanelIndex& panel, const std::vector<double>& x, std::string name) {
    VariableSummary s;
    s.name = std::move(name);
    const auto& entity = panel.entity();
    std::vector<double> entity_sum(panel.n_entities(), 0);
    std::vector<std::size_t> entity_count(panel.n_entities(), 0);
    double sum = 0;
    for (const auto row : panel.order()) {
        if (std::isnan(x[row])) continue;
        sum += x[row];
        ++s.n;
        entity_sum[static_cast<std::size_t>(entity[row])] += x[row];
        ++entity_count[static_cast<std::size_t>(entity[row])];
    }
    if (s.n == 0) {
        s.mean = s.sd = s.min = s.max = kMissing;
        s.between_sd = s.between_min = s.between_max = kMissing;
        s.within_sd = s.within_min = s.within_max = s.t_bar = kMissing;
        return s;
    }
    s.mean = sum / static_cast<double>(s.n);
    std::vector<double> entity_mean(panel.n_entities(), kMissing);
    double between_sum = 0;
    s.between_min = std::numeric_limits<double>::infinity();
    s.between_max = -s.between_min;
    for (std::size_t e = 0; e < entity_mean.size(); ++e) {
        if (entity_count[e] == 0) continue;
        entity_mean[e] = entity_sum[e] / static_cast<double>(entity_count[e]);
        between_sum += entity_mean[e];
        s.between_min = std::min(s.between_min, entity_mean[e]);
        s.between_max = std::max(s.between_max, entity_mean[e]);
        ++s.n_entities;
    }
    const double between_mean = between_sum / static_cast<double>(s.n_entities);
    double between_squares = 0;
    for (const double m : entity_mean)
        if (!std::isnan(m)) between_squares += (m - between_mean) * (m - between_mean);
    s.between_sd = sample_sd(between_squares, s.n_entities);

    double squares = 0, within_squares = 0;
    s.min = s.within_min = std::numeric_limits<double>::infinity();
    s.max = s.within_max = -s.min;
    for (const auto row : panel.order()) {
        if (std::isnan(x[row])) continue;
        const double deviation = x[row] - entity_mean[static_cast<std::size_t>(entity[row])];
        squares += (x[row] - s.mean) * (x[row] - s.mean);
        within_squares += deviation * deviation;
        s.min = std::min(s.min, x[row]);
        s.max = std::max(s.max, x[row]);
        s.within_min = std::min(s.within_min, deviation + s.mean);
        s.within_max = std::max(s.within_max, deviation + s.mean);
    }
    s.sd = sample_sd(squares, s.n);
    s.within_sd = sample_sd(within_squares, s.n);
    s.t_bar = static_cast<double>(s.n) / static_cast<double>(s.n_entities);
    return s;
}

PanelDescription describe(const Frame& frame, const PanelIndex& panel) {
    PanelDescription d;
    d.source = frame.source;
    d.entity = panel.entity_name();
    d.time = panel.time_name();
    d.n_rows = frame.rows();
    d.n_observations = panel.n_observations();
    d.n_entities = panel.n_entities();
    d.n_periods = panel.n_periods();
    if (d.n_periods > 0) {
        d.first_period = panel.period_label(0);
        d.last_period = panel.period_label(static_cast<std::int32_t>(d.n_periods - 1));
    }
    d.balanced = panel.balanced();
    d.n_gaps = panel.n_gaps();
    d.periods_per_entity = panel.periods_per_entity();
    d.participation = participation(panel);
    for (std::size_t i = 0; i < frame.cols(); ++i) {
        const Column& column = frame.column(i);
        if (column.name == d.entity) continue;
        if (column.type == ColumnType::categorical)
            d.text_columns.push_back(column.name);
        else if (column.type == ColumnType::numeric)
            d.variables.push_back(summarize(panel, column.numbers, column.name));
        else
            d.variables.push_back(summarize(panel, column.to_doubles(), column.name));
    }
    return d;
}

std::string render(const PanelDescription& d) {
    std::ostringstream out;
    const bool has_time = !d.time.empty();
    out << "Panel " << (d.source.empty() ? "" : d.source + ": ") << "entity " << d.entity
        << (has_time ? ", time " + d.time : std::string(", no time")) << "\n";
    const auto line = [&](const std::string& what, const std::string& value) {
        out << "  " << pad_right(what, 20) << value << "\n";
    };
    line("entities", std::to_string(d.n_entities));
    if (has_time)
        line("periods", std::to_string(d.n_periods) +
                            (d.n_periods > 0 ? " (" + d.first_period + " to " + d.last_period + ")"
                                             : std::string()));
    line("observations", std::to_string(d.n_observations));
    if (d.n_rows != d.n_observations)
        line("rows left out", std::to_string(d.n_rows - d.n_observations) + " (missing " +
                                  d.entity + (has_time ? " or " + d.time : std::string()) + ")");
    line("balanced", d.balanced ? "yes" : "no");
    if (has_time) line("gaps", std::to_string(d.n_gaps));
    const auto& t = d.periods_per_entity;
    line(has_time ? "periods per entity" : "rows per entity", "min " + std::to_string(t.min) +
                                                                  ", mean " + number(t.mean) +
                                                                  ", max " + std::to_string(t.max));

    render_participation(out, d);

    if (d.variables.empty()) return out.str();
    std::size_t name_width = 8;
    for (const auto& v : d.variables) name_width = std::max(name_width, v.name.size());
    const std::size_t w = 11;
    out << "\n"
        << pad_right("Variable", name_width + 9) << "|" << pad_left("Mean", w)
        << pad_left("Std. dev.", w + 1) << pad_left("Min", w + 1) << pad_left("Max", w + 1)
        << " | Observations\n"
        << std::string(name_width + 9, '-') << "+" << std::string(4 * w + 4, '-') << "+"
        << std::string(17, '-') << "\n";
    const auto row = [&](const std::string& name, const char* kind, const std::string& mean,
                         double sd, double min, double max, const std::string& count) {
        out << pad_right(name, name_width) << " " << pad_right(kind, 8) << "|" << pad_left(mean, w)
            << " " << pad_left(number(sd), w) << " " << pad_left(number(min), w) << " "
            << pad_left(number(max), w) << " | " << count << "\n";
    };
    for (const auto& v : d.variables) {
        // xtsum writes "T" when every entity has the same count, "T-bar" otherwise.
        const bool same_count = d.balanced && v.n == d.n_observations;
        row(v.name, "overall", number(v.mean), v.sd, v.min, v.max,
            "N     = " + std::to_string(v.n));
        row("", "between", "", v.between_sd, v.between_min, v.between_max,
            "n     = " + std::to_string(v.n_entities));
        row("", "within", "", v.within_sd, v.within_min, v.within_max,
            (same_count ? "T     = " : "T-bar = ") + number(v.t_bar));
    }
    if (!d.text_columns.empty()) {
        out << "\ntext columns (not summarised):";
        for (const auto& name : d.text_columns) out << " " << name;
        out << "\n";
    }
    return out.str();
}

}  // namespace gvcpanel::data
