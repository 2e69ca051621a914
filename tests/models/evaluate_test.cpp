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

// x over six rows with a missing value, a group g (a a b b b, missing) and a numeric group id.
data::Frame grouped() {
    data::Frame f;
    f.add(data::Column::numeric("x", {1, 4, std::nan(""), 0, 6, 2}));
    f.add(data::Column::categorical("g", {0, 0, 1, 1, 1, data::kMissingCode}, {"a", "b"}));
    f.add(data::Column::integer("id", {7, 7, 9, 9, 9, 7}));
    return f;
}

std::vector<double> eval_on(std::string_view text, const data::Frame& frame, const std::vector<bool>* rows) {
    const Source source{text, "test"};
    return evaluate(parse_whole_expression(source), EvaluationContext{frame, nullptr, source, rows});
}

void expect_values(const std::vector<double>& actual, const std::vector<double>& expected, const std::string& what) {
    ASSERT_EQ(actual.size(), expected.size()) << what;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (std::isnan(expected[i])) EXPECT_TRUE(std::isnan(actual[i])) << what << " row " << i;
        else EXPECT_CLOSE(what + " row " + std::to_string(i), actual[i], expected[i], kExact);
    }
}

TEST(Evaluate, SampleStatisticsEqualTheirFormulas) {
    const auto f = grouped();
    const double nan = std::nan("");
    // Every row: the finite x are 1, 4, 0, 6, 2: mean 13/5, sd with n - 1.
    const double mean = 13.0 / 5;
    const double sd = std::sqrt((std::pow(1 - mean, 2) + std::pow(4 - mean, 2) + std::pow(0 - mean, 2) +
                                 std::pow(6 - mean, 2) + std::pow(2 - mean, 2)) / 4);
    expect_values(eval_on("mean(x)", f, nullptr), std::vector<double>(6, mean), "mean(x)");
    expect_values(eval_on("center(x)", f, nullptr), {1 - mean, 4 - mean, nan, 0 - mean, 6 - mean, 2 - mean}, "center(x)");
    expect_values(eval_on("scale(x)", f, nullptr),
                  {(1 - mean) / sd, (4 - mean) / sd, nan, (0 - mean) / sd, (6 - mean) / sd, (2 - mean) / sd}, "scale(x)");
    // By g: a = {1, 4}, b = {0, 6} (its missing x left out); a missing group gives missing.
    expect_values(eval_on("mean(x, by = g)", f, nullptr), {2.5, 2.5, 3, 3, 3, nan}, "mean(x, by = g)");
    expect_values(eval_on("center(x, by = g)", f, nullptr), {-1.5, 1.5, nan, -3, 3, nan}, "center(x, by = g)");
    const double sd_a = std::sqrt(2 * 1.5 * 1.5), sd_b = std::sqrt(2 * 3.0 * 3.0);
    expect_values(eval_on("scale(x, by = g)", f, nullptr), {-1.5 / sd_a, 1.5 / sd_a, nan, -3 / sd_b, 3 / sd_b, nan},
                  "scale(x, by = g)");
    // A numeric group: id 7 = {1, 4, 2}, id 9 = {0, 6}.
    expect_values(eval_on("mean(x, by = id)", f, nullptr), {7.0 / 3, 7.0 / 3, 3, 3, 3, 7.0 / 3}, "mean(x, by = id)");
    // Statistics over flagged rows (the design builder's --subset); every row still gets its value.
    const std::vector<bool> rows = {true, true, true, true, false, true};
    const double subset_mean = (1 + 4 + 0 + 2) / 4.0;
    expect_values(eval_on("center(x)", f, &rows),
                  {1 - subset_mean, 4 - subset_mean, nan, 0 - subset_mean, 6 - subset_mean, 2 - subset_mean},
                  "center(x) on flagged rows");
    expect_values(eval_on("mean(x, by = g)", f, &rows), {2.5, 2.5, 0, 0, 0, nan}, "mean(x, by = g) on flagged rows");
    // Inside other expressions, as any value.
    expect_values(eval_on("x - mean(x, by = g) - center(x, by = g)", f, nullptr), {0, 0, nan, 0, 0, nan},
                  "x - mean - center");
}

TEST(Evaluate, ScaleOfAConstantIsAnError) {
    data::Frame f;
    f.add(data::Column::numeric("c", {2, 2, 2}));
    EXPECT_THROW(eval_on("scale(c)", f, nullptr), Error);
    // Within a group of one value the scale is undefined: missing, so the design drops the row.
    f.add(data::Column::integer("g", {1, 2, 2}));
    f.column("c").numbers = {5, 1, 3};
    const auto v = eval_on("scale(c, by = g)", f, nullptr);
    EXPECT_TRUE(std::isnan(v[0]));
    EXPECT_CLOSE("scale(c, by = g) row 1", v[1], -1 / std::sqrt(2.0), kExact);
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
    EXPECT_EQ(type("g %in% c(\"a\")"), ValueType::logical);
    EXPECT_EQ(type("is.na(g)"), ValueType::logical);
    EXPECT_EQ(type("mean(x, by = g)"), ValueType::number);
    EXPECT_THROW(type("scale(g)"), Error);
    EXPECT_THROW(type("mean(x, by = h)"), Error);
}

}  // namespace
}  // namespace gvcpanel::models
