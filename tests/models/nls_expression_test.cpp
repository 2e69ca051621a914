// The NLS expression language: precedence, functions, constants, the transformed response, and
// errors with a caret under the offending position.
#include "models/nls_expression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "support/caret.hpp"

namespace gvcpanel::models {
namespace {

using gvcpanel::testing::caret_error;

// Evaluates the model side at parameters `b` on a single observation with columns x = 2, y = 8.
double model_value(const std::string& text, const std::vector<std::string>& names,
                   const std::vector<double>& b) {
    const NlsFormula formula = parse_nls_formula(text, names, {"y", "x"});
    std::vector<double> x = {2.0}, y = {8.0};
    std::vector<const double*> columns;
    for (const auto& name : formula.columns) columns.push_back(name == "x" ? x.data() : y.data());
    std::vector<double> stack(formula.model.max_stack);
    return formula.model.evaluate<double>(b.data(), columns, 0, stack.data());
}

TEST(NlsExpression, PrecedenceFollowsR) {
    // -x^2 is -(x^2); ^ is right-associative; * before +.
    EXPECT_DOUBLE_EQ(model_value("y ~ b1 - x^2", {"b1"}, {1.0}), 1.0 - 4.0);
    EXPECT_DOUBLE_EQ(model_value("y ~ b1 * -x^2", {"b1"}, {1.0}), -4.0);
    EXPECT_DOUBLE_EQ(model_value("y ~ b1 * x^3^0.5", {"b1"}, {1.0}), std::pow(2.0, std::sqrt(3.0)));
    EXPECT_DOUBLE_EQ(model_value("y ~ b1 + 2 * x / 4", {"b1"}, {1.0}), 2.0);
    EXPECT_DOUBLE_EQ(model_value("y ~ b1 * x**-1", {"b1"}, {3.0}), 1.5);
}

TEST(NlsExpression, NumbersFunctionsAndPi) {
    EXPECT_DOUBLE_EQ(model_value("y ~ b1 * (1 - exp(-b2 * x))", {"b1", "b2"}, {500, 1e-4}),
                     500 * (1 - std::exp(-1e-4 * 2)));
    EXPECT_DOUBLE_EQ(model_value("y ~ .5 * b1 + 1e-4", {"b1"}, {2.0}), 1.0 + 1e-4);
    EXPECT_DOUBLE_EQ(model_value("y ~ atan(b1 / x) / pi", {"b1"}, {2.0}),
                     std::atan(1.0) / std::numbers::pi);
    EXPECT_DOUBLE_EQ(model_value("y ~ sqrt(abs(b1)) + log(x) + sin(x) + cos(x) + tan(x)", {"b1"},
                                 {-4.0}),
                     2.0 + std::log(2.0) + std::sin(2.0) + std::cos(2.0) + std::tan(2.0));
}

TEST(NlsExpression, NegativeBaseWithIntegerExponent) {
    EXPECT_DOUBLE_EQ(model_value("y ~ b1 * (-x)^3", {"b1"}, {1.0}), -8.0);
}

TEST(NlsExpression, TransformedResponse) {
    const NlsFormula formula = parse_nls_formula("log(y) ~ b1 - b2 * x", {"b1", "b2"}, {"y", "x"});
    EXPECT_EQ(formula.response_name, "log(y)");
    std::vector<double> x = {2.0}, y = {8.0};
    std::vector<const double*> columns;
    for (const auto& name : formula.columns) columns.push_back(name == "x" ? x.data() : y.data());
    std::vector<double> stack(formula.response.max_stack);
    EXPECT_DOUBLE_EQ(formula.response.evaluate<double>(nullptr, columns, 0, stack.data()),
                     std::log(8.0));
    EXPECT_FALSE(formula.response.uses_parameters());
}

TEST(NlsExpression, UnknownNameHasCaret) {
    try {
        parse_nls_formula("y ~ b1 * (1 - exp(-b2 * z))", {"b1", "b2"}, {"y", "x"});
        FAIL() << "expected an error";
    } catch (const Error& e) {
        const auto error = caret_error(e.what());
        EXPECT_NE(error.what.find("'z'"), std::string::npos) << e.what();
        EXPECT_EQ(error.column, 24u) << e.what();
    }
}

TEST(NlsExpression, UnknownFunctionHasCaret) {
    try {
        parse_nls_formula("y ~ b1 * expo(x)", {"b1"}, {"y", "x"});
        FAIL() << "expected an error";
    } catch (const Error& e) {
        const auto error = caret_error(e.what());
        EXPECT_NE(error.what.find("did you mean 'exp'"), std::string::npos) << e.what();
        EXPECT_EQ(error.column, 9u) << e.what();
    }
}

TEST(NlsExpression, ParameterOnTheLeftOrUnusedIsAnError) {
    EXPECT_THROW(parse_nls_formula("y * b1 ~ x", {"b1"}, {"y", "x"}), Error);
    EXPECT_THROW(parse_nls_formula("y ~ b1 * x", {"b1", "b2"}, {"y", "x"}), Error);
    EXPECT_THROW(parse_nls_formula("y b1 * x", {"b1"}, {"y", "x"}), Error);
    EXPECT_THROW(parse_nls_formula("y ~ b1 * (x", {"b1"}, {"y", "x"}), Error);
}

TEST(NlsExpression, StartValues) {
    const auto start = parse_start_values("b1=500, b2=1e-4");
    ASSERT_EQ(start.size(), 2u);
    EXPECT_EQ(start[1].name, "b2");
    EXPECT_DOUBLE_EQ(start[1].value, 1e-4);
    EXPECT_THROW(parse_start_values("b1=abc"), Error);
    EXPECT_THROW(parse_start_values("b1"), Error);
    EXPECT_THROW(parse_start_values("b1=1,b1=2"), Error);
}

}  // namespace
}  // namespace gvcpanel::models
