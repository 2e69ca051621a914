#include "reports/format_number.hpp"

#include <cmath>
#include <cstdio>

namespace gvcpanel::reports {

std::string fixed(double x, int digits) {
    if (std::isnan(x)) return "";
    if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
    std::string text = buffer;
    if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    return text;
}

std::string whole(double x) { return fixed(x, 0); }

std::string enclosed(char open, const std::string& text, char close) {
    std::string out(1, open);
    out += text;
    out += close;
    return out;
}

}  // namespace gvcpanel::reports
