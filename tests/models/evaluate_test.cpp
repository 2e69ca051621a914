#include "models/evaluate.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/compare.hpp"

namespace gvcpanel::models {
namespace {

// Same operations on the same doubles: equal up to the last bit of std::pow and friends.
constexpr double kExact = 1e-15;

std::vector<double> eval(std::string_view text, const data::Frame& frame, const data::PanelIndex* panel = nullptr) {
    const Source source{text, "test"};
    return evaluate(parse_whole_expression(source), EvaluationContext{frame, panel, source});
}

data::Frame frame() {
    data::Frame f;
    f.add(data::Column::integer("id", {1, 1, 2, 2}));
    f.add(data::Column::integer("t", {1, 2, 1, 3}));
    f.add(data::Column::numeric("x", {1, 4, std::nan(""), 0}));
    return f;
}

TEST(Evaluate, ArithmeticAndFunctionsPerRow) {
    const auto v = eval("sqrt(x) * 2 - exp(0) + abs(-x) / 2 + x^2", frame());
    const std::vector<double> expected = {1 * 2 - 1 + 0.5 + 1, 2 * 2 - 1 + 2 + 16, std::nan(""), -1};
    for (std::size_t i = 0; i < 4; ++i) {
        if (std::isnan(expected[i])) EXPECT_TRUE(std::isnan(v[i]));
        else EXPECT_CLOSE("row", v[i], expected[i], kExact);
    }
}

TEST(Evaluate, NonFiniteResultsFollowIeee) {
    const auto v = eval("log(x)", frame());
    EXPECT_EQ(v[3], -INFINITY);
    EXPECT_TRUE(std::isnan(eval("x / x", frame())[3]));
}

TEST(Evaluate, LogicalValuesAreOneZeroOrUnknown) {
    const auto v = eval("x > 1 || x == 0", frame());
    EXPECT_EQ(v[0], 0.0);
    EXPECT_EQ(v[1], 1.0);
    EXPECT_TRUE(std::isnan(v[2]));
    EXPECT_EQ(v[3], 1.0);
}

TEST(Evaluate, LagsFollowThePanelTime) {
    const data::Frame f = frame();
    const data::PanelIndex panel(f, "id", "t");
    const auto lag = eval("l(x, 1)", f, &panel);
    EXPECT_TRUE(std::isnan(lag[0]));
    EXPECT_EQ(lag[1], 1.0);
    EXPECT_TRUE(std::isnan(lag[3]));  // t = 3 follows t = 1: a gap
    const auto lead = eval("f(x)", f, &panel);
    EXPECT_EQ(lead[0], 4.0);
    const auto diff = eval("d(x^2)", f, &panel);
    EXPECT_EQ(diff[1], 15.0);
}

TEST(Evaluate, CheckReportsTypes) {
    data::Frame f = frame();
    f.add(data::Column::categorical("g", {0, 0, 1, 1}, {"a", "b"}));
    const auto type = [&](std::string_view text) {
        const Source source{text, "test"};
        return check(parse_whole_expression(source), EvaluationContext{f, nullptr, source});
    };
    EXPECT_EQ(type("x + 1"), ValueType::number);
    EXPECT_EQ(type("x > 1"), ValueType::logical);
    EXPECT_EQ(type("g"), ValueType::text);
    EXPECT_EQ(type("g == \"a\""), ValueType::logical);
    EXPECT_THROW(type("g * 2"), Error);
    EXPECT_THROW(type("l(x, 1)"), Error);
}

}  // namespace
}  // namespace gvcpanel::models
