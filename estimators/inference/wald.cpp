#include "estimators/inference/wald.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

#include "data/error.hpp"
#include "data/names.hpp"
#include "estimators/inference/distributions.hpp"

namespace gvcpanel::estimators::inference {

namespace {

std::string without_spaces(std::string_view s) {
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

// Splits at `separators` outside parentheses; a sign right after an exponent's e/E of a number
// ("1e-3") does not split.
std::vector<std::string> split_top(const std::string& s, std::string_view separators, bool keep_sign) {
    std::vector<std::string> parts;
    std::string current;
    int depth = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '(') ++depth;
        if (c == ')') --depth;
        const bool exponent_sign = (c == '+' || c == '-') && i >= 2 && (s[i - 1] == 'e' || s[i - 1] == 'E') &&
                                   (std::isdigit(static_cast<unsigned char>(s[i - 2])) || s[i - 2] == '.') &&
                                   (current.find_first_not_of("+-0123456789.eE") == std::string::npos);
        const bool leading_sign = keep_sign && current.find_first_not_of("+-") == std::string::npos;
        if (depth == 0 && separators.find(c) != std::string_view::npos && !exponent_sign && !leading_sign) {
            parts.push_back(current);
            current.clear();
            if (keep_sign) current += c;
            continue;
        }
        current += c;
    }
    parts.push_back(current);
    return parts;
}

bool parse_number(const std::string& s, double& value) {
    if (s.empty()) return false;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && ptr == s.data() + s.size();
}

// Adds `sign` times one side of an equation to the row: coefficients into `row`, constants into `constant`.
void add_side(const std::string& side, double sign, const std::vector<std::string>& names,
              const std::vector<std::string>& compact_names, arma::rowvec& row, double& constant,
              const std::string& equation) {
    if (side.empty()) throw Error("--test '" + equation + "': a side of the equation is empty");
    for (std::string term : split_top(side, "+-", true)) {
        double term_sign = sign;
        while (!term.empty() && (term[0] == '+' || term[0] == '-')) {
            if (term[0] == '-') term_sign = -term_sign;
            term.erase(0, 1);
        }
        if (term.empty()) throw Error("--test '" + equation + "': a sign is not followed by a term");
        double multiplier = 1.0;
        std::string name;
        for (const auto& factor : split_top(term, "*", false)) {
            double value = 0.0;
            if (parse_number(factor, value)) {
                multiplier *= value;
            } else if (name.empty()) {
                name = factor;
            } else {
                throw Error("--test '" + equation + "': '" + term +
                            "' multiplies two coefficients; restrictions must be linear");
            }
        }
        if (name.empty()) {
            constant -= term_sign * multiplier;
            continue;
        }
        std::size_t j = 0;
        while (j < compact_names.size() && compact_names[j] != name) ++j;
        if (j == compact_names.size())
            throw Error("--test '" + equation + "': no coefficient '" + name + "'" + data::did_you_mean(name, names));
        row(j) += term_sign * multiplier;
    }
}

}  // namespace

Restrictions parse_restrictions(std::string_view text, const std::vector<std::string>& names) {
    std::vector<std::string> compact_names;
    for (const auto& n : names) compact_names.push_back(without_spaces(n));
    Restrictions result;
    result.text = std::string(text);
    const auto equations = split_top(without_spaces(text), ",", false);
    result.R.zeros(equations.size(), names.size());
    result.r.zeros(equations.size());
    for (std::size_t q = 0; q < equations.size(); ++q) {
        const std::string& equation = equations[q];
        const auto sides = split_top(equation, "=", false);
        if (equation.empty() || sides.size() != 2)
            throw Error("--test '" + std::string(text) + "': each restriction needs exactly one '=' (as in "
                        "\"x1 = x2\" or \"x1 = 0, x2 = 0\"), not '" + equation + "'");
        arma::rowvec row(names.size(), arma::fill::zeros);
        double constant = 0.0;
        add_side(sides[0], 1.0, names, compact_names, row, constant, std::string(text));
        add_side(sides[1], -1.0, names, compact_names, row, constant, std::string(text));
        if (arma::all(row == 0.0))
            throw Error("--test '" + std::string(text) + "': restriction '" + equation +
                        "' involves no coefficient");
        result.R.row(q) = row;
        result.r(q) = constant;
    }
    return result;
}

TestResult wald_test(const arma::vec& coef, const arma::mat& vcov, const Restrictions& restrictions, double df) {
    const arma::vec discrepancy = restrictions.R * coef - restrictions.r;
    const arma::mat middle = restrictions.R * vcov * restrictions.R.t();
    arma::mat inverse;
    if (arma::rank(middle) < middle.n_rows || !arma::inv_sympd(inverse, middle))
        throw Error("--test '" + restrictions.text +
                    "': the restrictions are redundant or their variance is singular; drop the repeated ones");
    const double w = arma::as_scalar(discrepancy.t() * inverse * discrepancy);
    const double q = static_cast<double>(restrictions.R.n_rows);
    TestResult test;
    test.name = "wald";
    test.restriction = restrictions.text;
    if (std::isfinite(df)) {
        test.stat = w / q;
        test.df = {q, df};
        test.p = f_upper_p(test.stat, q, df);
    } else {
        test.stat = w;
        test.df = {q};
        test.p = chi2_upper_p(w, q);
    }
    return test;
}

}  // namespace gvcpanel::estimators::inference
