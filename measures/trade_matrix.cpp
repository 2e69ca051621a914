#include "measures/trade_matrix.hpp"

#include <cmath>
#include <set>
#include <unordered_map>

#include "data/error.hpp"

namespace gvcpanel::measures {

namespace {

std::size_t code(std::unordered_map<std::string, std::size_t>& index, std::vector<std::string>& names, const std::string& name) {
    const auto [it, added] = index.emplace(name, names.size());
    if (added) names.push_back(name);
    return it->second;
}

}  // namespace

std::vector<TradeMatrix> trade_matrices(const data::Frame& frame, const TradeColumns& c) {
    const auto& exporter = frame.column(c.exporter);
    const auto& product = frame.column(c.product);
    const auto& value = frame.column(c.value);
    std::vector<std::string> years;
    std::unordered_map<std::string, std::size_t> year_index;
    std::vector<std::size_t> year_of(frame.rows(), 0);
    for (std::size_t i = 0; i < frame.rows(); ++i) {
        year_of[i] = code(year_index, years, c.year.empty() ? "" : frame.column(c.year).text(i));
        const double v = value.number(i);
        if (!std::isfinite(v) || v < 0)
            throw Error(frame.source + ":" + std::to_string(i + 2) + ": " + c.value + " is " + (std::isnan(v) ? "missing" : value.text(i)) +
                        "; export values must be numbers >= 0");
        if (!c.quantity.empty() && frame.column(c.quantity).number(i) < 0)
            throw Error(frame.source + ":" + std::to_string(i + 2) + ": " + c.quantity + " is " + frame.column(c.quantity).text(i) +
                        "; quantities must be >= 0 (or missing)");
        if (exporter.is_missing(i) || product.is_missing(i))
            throw Error(frame.source + ":" + std::to_string(i + 2) + ": missing " + (exporter.is_missing(i) ? c.exporter : c.product));
    }
    std::vector<std::set<std::string>> country_set(years.size()), product_set(years.size());
    for (std::size_t i = 0; i < frame.rows(); ++i) {
        country_set[year_of[i]].insert(exporter.text(i));
        product_set[year_of[i]].insert(product.text(i));
    }
    std::vector<TradeMatrix> out(years.size());
    std::vector<std::unordered_map<std::string, std::size_t>> country_index(years.size()), product_index(years.size());
    for (std::size_t y = 0; y < years.size(); ++y) {
        out[y].year = years[y];
        for (const auto& name : country_set[y]) code(country_index[y], out[y].countries, name);
        for (const auto& name : product_set[y]) code(product_index[y], out[y].products, name);
        out[y].exports.zeros(out[y].countries.size(), out[y].products.size());
        if (!c.quantity.empty()) out[y].quantities.zeros(out[y].countries.size(), out[y].products.size());
    }
    for (std::size_t i = 0; i < frame.rows(); ++i) {
        const std::size_t y = year_of[i];
        const std::size_t row = country_index[y].at(exporter.text(i)), col = product_index[y].at(product.text(i));
        out[y].exports(row, col) += value.number(i);
        if (!c.quantity.empty()) out[y].quantities(row, col) += frame.column(c.quantity).number(i);  // NaN stays NaN
    }
    return out;
}

}  // namespace gvcpanel::measures
