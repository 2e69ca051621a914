// Symbolic derivatives of formula expressions against central differences of the same expression
// evaluated by models::evaluate, rule by rule, and the folding of terms without the variable to 0.
#include "models/differentiate.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "models/evaluate.hpp"
#include "support/compare.hpp"

namespace gvcpanel::models {
namespace {

// A central difference with h = 1e-6 x max(1, |x|) has error ~h^2 f''' + eps/h: ~1e-9 relative.
constexpr double kCentralDifferenceRtol = 1e-7;

double value_at(const Expr& expr, const std::string& text, double x, double z) {
    data::Frame frame;
    frame.add(data::Column::numeric("x", {x}));
    frame.add(data::Column::numeric("z", {z}));
    return evaluate(expr, {frame, nullptr, Source{text, "formula"}})[0];
}

void expect_derivative(const std::string& text, double x, double z) {
    const Expr expr = parse_whole_expression(Source{text, "formula"});
    const Expr d = differentiate(expr, "x");
    const double h = 1e-6 * std::max(1.0, std::fabs(x));
    const double numeric = (value_at(expr, text, x + h, z) - value_at(expr, text, x - h, z)) / (2 * h);
    EXPECT_CLOSE(text, value_at(d, text, x, z), numeric, kCentralDifferenceRtol);
}

TEST(Differentiate, EveryRuleAgreesWithCentralDifferences) {
    for (const char* text : {"x", "3 * x + z", "x * z", "x - z * x", "z / x", "x / (1 + z)", "x^2", "x^3 * z",
                             "2^x", "x^z", "x^x", "-x^2", "log(x)", "exp(2 * x)", "sqrt(x * z)", "abs(x - 5)",
                             "log(1 + exp(x * z))", "(x > 1) * x", "x * (z == 2)"})
        expect_derivative(text, 1.7, 2.0);
}

TEST(Differentiate, TermsWithoutTheVariableFoldToZero) {
    const std::string text = "log(z) * z^2 + (z > 1)";
    EXPECT_TRUE(is_zero(differentiate(parse_whole_expression(Source{text, "formula"}), "x")));
    EXPECT_TRUE(is_zero(differentiate(parse_whole_expression(Source{"x > 1", "formula"}), "x")));
}

TEST(Differentiate, PanelOperatorsMustBeReplacedFirst) {
    EXPECT_THROW(differentiate(parse_whole_expression(Source{"l(x, 1)", "formula"}), "x"), Error);
}

}  // namespace
}  // namespace gvcpanel::models
