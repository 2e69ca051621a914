#include "estimators/inference/moderation.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators::inference {

namespace {

std::string trimmed(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return std::string(text.substr(begin, end - begin));
}

double number(const std::string& text, const std::string& context) {
    const std::string t = trimmed(text);
    double value = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc() || end != t.data() + t.size())
        throw Error(context + "'" + t + "' is not a number");
    return value;
}

std::size_t position(const std::vector<std::string>& names, const std::string& name) {
    for (std::size_t j = 0; j < names.size(); ++j)
        if (names[j] == name) return j;
    return names.size();
}

}  // namespace

ModeratorGrid parse_margins_over(std::string_view text) {
    const std::string context = "--margins-over '" + std::string(text) + "': ";
    const std::size_t equal = text.find('=');
    if (equal == std::string_view::npos)
        throw Error(context + "expected \"z = from(step)to\" or \"z = v1, v2, ...\", e.g. \"density = 0(0.05)1\"");
    ModeratorGrid grid;
    grid.moderator = trimmed(text.substr(0, equal));
    const std::string values = trimmed(text.substr(equal + 1));
    if (grid.moderator.empty() || values.empty()) throw Error(context + "the moderator or its values are missing");
    const std::size_t open = values.find('('), close = values.find(')');
    if (open != std::string::npos) {
        if (close == std::string::npos || close < open) throw Error(context + "unbalanced parentheses");
        const double from = number(values.substr(0, open), context);
        const double step = number(values.substr(open + 1, close - open - 1), context);
        const double to = number(values.substr(close + 1), context);
        if (!(step > 0) || to < from) throw Error(context + "needs a positive step and from <= to");
        const double steps = (to - from) / step;
        if (steps > 10000) throw Error(context + "more than 10001 points");
        // The end is kept when it is reached within rounding (0(0.1)1 has 11 points).
        const auto count = static_cast<std::size_t>(std::floor(steps + 1e-9)) + 1;
        for (std::size_t i = 0; i < count; ++i) grid.values.push_back(from + static_cast<double>(i) * step);
    } else {
        std::size_t start = 0;
        for (std::size_t comma = values.find(','); ; comma = values.find(',', start)) {
            grid.values.push_back(number(values.substr(start, comma - start), context));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return grid;
}

JohnsonNeyman johnson_neyman(double b1, double b3, double v11, double v13, double v33, double critical) {
    // theta^2 - c^2 Var = A z^2 + B z + C: significant where positive. With A > 0 the line crosses zero
    // where f < 0, so "everywhere" arises only from a degenerate (zero) variance there.
    const double c2 = critical * critical;
    const double A = b3 * b3 - c2 * v33, B = 2 * (b1 * b3 - c2 * v13), C = b1 * b1 - c2 * v11;
    JohnsonNeyman jn;
    if (A == 0) {
        if (B == 0) {
            jn.significant = C > 0 ? "everywhere" : "nowhere";
        } else {
            jn.bounds = {-C / B};
            jn.significant = B > 0 ? "above" : "below";
        }
        return jn;
    }
    const double discriminant = B * B - 4 * A * C;
    if (discriminant < 0) {
        jn.significant = A > 0 ? "everywhere" : "nowhere";
        return jn;
    }
    // The root without cancellation first, the other from the product of the roots, C / A.
    const double q = -0.5 * (B + std::copysign(std::sqrt(discriminant), B));
    double r1 = q / A, r2 = q != 0 ? C / q : r1;
    if (r1 > r2) std::swap(r1, r2);
    jn.bounds = {r1, r2};
    jn.significant = A > 0 ? "outside" : "inside";
    return jn;
}

void add_moderated_effects(Result& result, const std::vector<std::string>& names, const arma::vec& coef,
                           const arma::mat& vcov, double df, double level, const ModeratorGrid& grid) {
    const double critical = two_sided_critical(level, df);
    const std::string& z = grid.moderator;
    nlohmann::ordered_json regions = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string& x = names[i];
        if (x == z) continue;
        std::size_t k = position(names, x + ":" + z);
        if (k == names.size()) k = position(names, z + ":" + x);
        if (k == names.size()) continue;
        const double b1 = coef(i), b3 = coef(k), v11 = vcov(i, i), v13 = vcov(i, k), v33 = vcov(k, k);
        for (const double value : grid.values) {
            MarginRow row;
            row.name = x;
            row.at = {{z, value}};
            row.effect = b1 + b3 * value;
            const double variance = v11 + 2 * value * v13 + value * value * v33;
            row.se = variance >= 0 ? std::sqrt(variance) : std::nan("");
            row.z = row.se > 0 ? row.effect / row.se : std::nan("");
            row.p = two_sided_p(row.z, df);
            result.margins.push_back(row);
        }
        const JohnsonNeyman jn = johnson_neyman(b1, b3, v11, v13, v33, critical);
        regions.push_back({{"variable", x}, {"moderator", z}, {"critical", critical}, {"bounds", jn.bounds},
                           {"significant", jn.significant}});
    }
    if (regions.empty())
        throw Error("--margins-over " + z + ": no term of the model interacts a variable with '" + z +
                    "' (write x + " + z + " + x:" + z + ", or x*" + z + ")");
    result.stats["johnson_neyman"] = regions;
}

}  // namespace gvcpanel::estimators::inference
