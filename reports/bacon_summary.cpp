#include "reports/bacon_summary.hpp"

#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

#include "reports/plot_bacon.hpp"

namespace gvcpanel::reports {

namespace {

std::string number(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

std::string pad(const std::string& s, std::size_t width) { return s.size() >= width ? s : s + std::string(width - s.size(), ' '); }
std::string left_pad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

}  // namespace

std::string bacon_summary(const estimators::Result& r) {
    std::ostringstream out;
    double sum = 0;
    for (const auto& row : r.coef) sum += row.weight * row.estimate;
    out << "Goodman-Bacon decomposition, dependent variable: " << r.outcome << "\nFormula: " << r.formula
        << "\nObservations: " << r.nobs << "\n";
    if (r.stats.contains("twfe"))
        out << "Two-way fixed-effects coefficient: " << number(r.stats.at("twfe").get<double>())
            << "   (weighted sum of the comparisons: " << number(sum) << ")\n";
    std::size_t width = 10;
    for (const auto& row : r.coef) width = std::max(width, row.name.size());
    out << "\n" << pad("comparison", width) << "  " << pad("kind", 26) << left_pad("estimate", 12) << left_pad("weight", 12)
        << "\n";
    std::map<std::string, std::pair<double, double>> kinds;  // kind -> (weight, weight x estimate)
    std::vector<std::string> order;
    for (const auto& row : r.coef) {
        const std::string kind = bacon_kind(row.name);
        out << pad(row.name, width) << "  " << pad(kind, 26) << left_pad(number(row.estimate), 12)
            << left_pad(number(row.weight), 12) << "\n";
        if (!kinds.count(kind)) order.push_back(kind);
        kinds[kind].first += row.weight;
        kinds[kind].second += row.weight * row.estimate;
    }
    out << "\n" << pad("by kind", 28) << left_pad("weight", 12) << left_pad("mean estimate", 15) << "\n";
    for (const auto& kind : order)
        out << pad(kind, 28) << left_pad(number(kinds[kind].first), 12)
            << left_pad(number(kinds[kind].second / kinds[kind].first), 15) << "\n";
    return out.str();
}

}  // namespace gvcpanel::reports
