// The dots of a plot written as SVG by cairo (filled circles: paths drawn with curves), with the
// point where each path starts and whether its fill is a given colour; for tests of what a plot marks.
#pragma once

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "reports/plot_canvas.hpp"

namespace gvcpanel::testing {

struct SvgDot {
    double x = 0;         // where the circle's path starts (its centre plus the radius)
    double y = 0;         // its centre
    bool marked = false;  // filled with the colour asked for
};

inline std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// For every colour in an SVG text, in order, whether it is `color` (cairo writes the components as
// percentages rounded to 0.1).
inline std::vector<bool> colors_equal(const std::string& svg, const reports::Color& color) {
    constexpr double kPercentRounding = 0.1;
    const std::regex rgb(R"(rgb\(([\d.]+)%,\s*([\d.]+)%,\s*([\d.]+)%\))");
    std::vector<bool> equal;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rgb); it != std::sregex_iterator(); ++it)
        equal.push_back(std::fabs(std::stod((*it)[1]) - 100 * color.red) <= kPercentRounding &&
                        std::fabs(std::stod((*it)[2]) - 100 * color.green) <= kPercentRounding &&
                        std::fabs(std::stod((*it)[3]) - 100 * color.blue) <= kPercentRounding);
    return equal;
}

// The filled circles of an SVG text, in drawing order.
inline std::vector<SvgDot> svg_dots(const std::string& svg, const reports::Color& marked) {
    const std::regex element(R"(<path ([^>]*)/>)");
    const std::regex circle(R"re(d="M ([-\d.]+) ([-\d.]+) C)re");
    std::vector<SvgDot> dots;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element); it != std::sregex_iterator(); ++it) {
        const std::string attributes = (*it)[1];
        std::smatch start;
        const auto colors = colors_equal(attributes, marked);
        if (std::regex_search(attributes, start, circle) && !colors.empty())
            dots.push_back({std::stod(start[1]), std::stod(start[2]), colors.front()});
    }
    return dots;
}

}  // namespace gvcpanel::testing
