#include "estimators/inference/delta_method.hpp"

#include <cctype>
#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/distributions.hpp"
#include "models/nls_expression.hpp"

namespace gvcpanel::estimators::inference {
namespace {

// A value with its gradient in the coefficients: the NLS program evaluated on it gives g(b) and
// dg/db exactly (forward-mode differentiation).
struct Dual {
    double value = 0;
    arma::rowvec gradient;

    Dual() = default;
    explicit Dual(double v) : value(v) {}
    Dual(double v, arma::rowvec g) : value(v), gradient(std::move(g)) {}
};

// A constant has an empty gradient; `scaled` treats it as zero.
arma::rowvec scaled(const Dual& a, double factor) { return a.gradient.is_empty() ? arma::rowvec() : arma::rowvec(factor * a.gradient); }
arma::rowvec sum(const arma::rowvec& a, const arma::rowvec& b) {
    if (a.is_empty()) return b;
    if (b.is_empty()) return a;
    return a + b;
}

Dual operator+(const Dual& a, const Dual& b) { return {a.value + b.value, sum(a.gradient, b.gradient)}; }
Dual operator-(const Dual& a) { return {-a.value, scaled(a, -1.0)}; }
Dual operator-(const Dual& a, const Dual& b) { return a + (-b); }
Dual operator*(const Dual& a, const Dual& b) {
    return {a.value * b.value, sum(scaled(a, b.value), scaled(b, a.value))};
}
Dual operator/(const Dual& a, const Dual& b) {
    return {a.value / b.value, sum(scaled(a, 1.0 / b.value), scaled(b, -a.value / (b.value * b.value)))};
}
// f(a) with f'(a) given.
Dual chain(const Dual& a, double f, double derivative) { return {f, scaled(a, derivative)}; }
Dual pow(const Dual& a, double e) { return chain(a, std::pow(a.value, e), e * std::pow(a.value, e - 1.0)); }
Dual pow(const Dual& a, const Dual& b) {
    const double f = std::pow(a.value, b.value);
    // d(a^b) = b a^(b-1) da + a^b log(a) db; the second term only when b varies.
    Dual result = pow(a, b.value);
    if (!b.gradient.is_empty()) result.gradient = sum(result.gradient, scaled(b, f * std::log(a.value)));
    return result;
}
Dual exp(const Dual& a) { return chain(a, std::exp(a.value), std::exp(a.value)); }
Dual log(const Dual& a) { return chain(a, std::log(a.value), 1.0 / a.value); }
Dual sqrt(const Dual& a) { return chain(a, std::sqrt(a.value), 0.5 / std::sqrt(a.value)); }
Dual abs(const Dual& a) { return chain(a, std::fabs(a.value), a.value < 0 ? -1.0 : 1.0); }
Dual sin(const Dual& a) { return chain(a, std::sin(a.value), std::cos(a.value)); }
Dual cos(const Dual& a) { return chain(a, std::cos(a.value), -std::sin(a.value)); }
Dual tan(const Dual& a) { return chain(a, std::tan(a.value), 1.0 / (std::cos(a.value) * std::cos(a.value))); }
Dual atan(const Dual& a) { return chain(a, std::atan(a.value), 1.0 / (1.0 + a.value * a.value)); }

std::string trimmed(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return std::string(text.substr(begin, end - begin));
}

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

// The expression with each coefficient name it mentions replaced by a placeholder identifier
// ("b_3" for names[3]): names such as "[y]x", "log(k)" or "(Intercept)" are not identifiers of the
// expression language. At each position the longest name that is not part of a longer identifier
// wins. `used`: the indices of the names replaced, in coefficient order.
std::string with_placeholders(const std::string& expression, const std::vector<std::string>& names,
                              std::vector<std::size_t>& used) {
    std::vector<bool> seen(names.size(), false);
    std::string out;
    for (std::size_t i = 0; i < expression.size();) {
        std::size_t best = names.size();
        const bool starts_word = i == 0 || !identifier_char(expression[i - 1]);
        for (std::size_t k = 0; starts_word && k < names.size(); ++k) {
            const auto& name = names[k];
            if (name.empty() || expression.compare(i, name.size(), name) != 0) continue;
            const std::size_t end = i + name.size();
            if (identifier_char(name.back()) && end < expression.size() && identifier_char(expression[end])) continue;
            if (best == names.size() || name.size() > names[best].size()) best = k;
        }
        if (best == names.size()) {
            out += expression[i++];
            continue;
        }
        out += "b_" + std::to_string(best);
        seen[best] = true;
        i += names[best].size();
    }
    for (std::size_t k = 0; k < names.size(); ++k)
        if (seen[k]) used.push_back(k);
    return out;
}

}  // namespace

NonlinearCombination evaluate_nlcom(std::string_view text, const arma::vec& coef,
                                    const std::vector<std::string>& names) {
    const std::string context = "--nlcom '" + std::string(text) + "': ";
    const std::size_t equal = text.find('=');
    NonlinearCombination combination;
    if (equal != std::string_view::npos) {
        combination.name = trimmed(text.substr(0, equal));
        combination.expression = trimmed(text.substr(equal + 1));
    }
    if (combination.name.empty() || combination.expression.empty())
        throw Error(context + "expected \"name = expression\", e.g. \"ratio = x1 / x2\"");
    std::vector<std::size_t> used;
    const std::string program = with_placeholders(combination.expression, names, used);
    if (used.empty())
        throw Error(context + "the expression names no coefficient of the model");
    std::vector<std::string> parameters;
    std::vector<Dual> values;
    for (std::size_t u = 0; u < used.size(); ++u) {
        parameters.push_back("b_" + std::to_string(used[u]));
        arma::rowvec unit(coef.n_elem, arma::fill::zeros);
        unit(used[u]) = 1.0;
        values.emplace_back(coef(used[u]), unit);
    }
    models::NlsFormula formula;
    try {
        formula = models::parse_nls_formula("0 ~ " + program, parameters, {});
    } catch (const Error& error) {
        throw Error(context + error.what());
    }
    std::vector<Dual> stack(formula.model.max_stack);
    const Dual g = formula.model.evaluate<Dual>(values.data(), std::vector<const double*>{}, 0, stack.data());
    combination.value = g.value;
    combination.gradient = g.gradient.is_empty() ? arma::rowvec(coef.n_elem, arma::fill::zeros) : g.gradient;
    return combination;
}

CoefRow nlcom_row(std::string_view text, const arma::vec& coef, const arma::mat& vcov,
                  const std::vector<std::string>& names, double df, double level) {
    const NonlinearCombination g = evaluate_nlcom(text, coef, names);
    CoefRow row;
    row.name = g.name;
    row.estimate = g.value;
    const double variance = arma::as_scalar(g.gradient * vcov * g.gradient.t());
    row.se = variance >= 0.0 ? std::sqrt(variance) : std::nan("");
    row.stat = row.se > 0.0 ? row.estimate / row.se : std::nan("");
    row.p = two_sided_p(row.stat, df);
    const double critical = two_sided_critical(level, df);
    row.ci_low = row.estimate - critical * row.se;
    row.ci_high = row.estimate + critical * row.se;
    return row;
}

Restrictions nonlinear_restrictions(std::string_view text, const arma::vec& coef,
                                    const std::vector<std::string>& names) {
    std::vector<std::string> equations(1);
    int depth = 0;
    for (const char c : text) {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (c == ',' && depth == 0)
            equations.emplace_back();
        else
            equations.back() += c;
    }
    Restrictions result;
    result.text = std::string(text);
    result.R.set_size(equations.size(), coef.n_elem);
    result.r.set_size(equations.size());
    for (std::size_t q = 0; q < equations.size(); ++q) {
        const std::size_t equal = equations[q].find('=');
        if (equal == std::string::npos || equations[q].find('=', equal + 1) != std::string::npos)
            throw Error("--test '" + std::string(text) + "': each restriction needs exactly one '=', not '" +
                        trimmed(equations[q]) + "'");
        const auto g = evaluate_nlcom("g = (" + equations[q].substr(0, equal) + ") - (" + equations[q].substr(equal + 1) + ")",
                                      coef, names);
        result.R.row(q) = g.gradient;
        result.r(q) = arma::dot(g.gradient, coef) - g.value;
    }
    return result;
}

}  // namespace gvcpanel::estimators::inference
