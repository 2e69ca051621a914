#include "reports/stars.hpp"

#include <cmath>
#include <sstream>

#include "data/error.hpp"

namespace gvcpanel::reports {

namespace {

std::string threshold_text(double t) {
    std::ostringstream out;
    out << t;
    std::string text = out.str();
    // Journals print two decimals at least: 0.10 rather than 0.1.
    const auto dot = text.find('.');
    if (dot != std::string::npos && text.size() - dot == 2) text += "0";
    return text;
}

double parse_threshold(const std::string& text, const std::string& whole) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size())
        throw Error("--stars '" + whole + "': '" + text + "' is not a p-value threshold");
    return value;
}

}  // namespace

std::string Stars::symbol(double p) const {
    std::string earned;
    if (std::isnan(p)) return earned;
    for (const auto& level : levels)
        if (p < level.threshold) earned = level.symbol;
    return earned;
}

std::string Stars::legend() const {
    std::string text;
    for (const auto& level : levels) {
        if (!text.empty()) text += ", ";
        text += level.symbol + " p<" + threshold_text(level.threshold);
    }
    return text;
}

void Stars::validate() const {
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const auto& level = levels[i];
        if (!(level.threshold > 0 && level.threshold < 1))
            throw Error("stars: levels[" + std::to_string(i) + "].threshold is " +
                        threshold_text(level.threshold) + "; it must lie strictly between 0 and 1");
        if (level.symbol.empty())
            throw Error("stars: levels[" + std::to_string(i) + "].symbol is empty; give a symbol");
        if (i > 0 && level.threshold >= levels[i - 1].threshold)
            throw Error("stars: levels[" + std::to_string(i) + "].threshold is " +
                        threshold_text(level.threshold) +
                        "; each threshold must be smaller than the one before (" +
                        threshold_text(levels[i - 1].threshold) + ")");
    }
}

Stars parse_stars(const std::string& text) {
    Stars stars;
    if (text == "default") return stars;
    stars.levels.clear();
    if (text == "none") return stars;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ',')) {
        const auto colon = item.find(':');
        if (colon == std::string::npos)
            stars.levels.push_back({std::string(stars.levels.size() + 1, '*'), parse_threshold(item, text)});
        else
            stars.levels.push_back({item.substr(0, colon), parse_threshold(item.substr(colon + 1), text)});
    }
    if (stars.levels.empty())
        throw Error("--stars '" + text + "': expected none, default, 0.1,0.05,0.01 or +:0.1,*:0.05");
    stars.validate();
    return stars;
}

}  // namespace gvcpanel::reports
