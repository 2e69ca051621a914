// The design's columns recomputed with variables set (what --margins evaluates): without settings
// they are the design builder's bit for bit; derivatives agree with central differences of designs
// built on shifted data; a factor set to a level switches its dummies and interactions; panel
// operators are variables of their own.
#include "models/counterfactual_columns.hpp"

#include <gtest/gtest.h>

#include <random>

#include "data/error.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"

namespace gvcpanel::models {
namespace {

// Central differences with h = 1e-5 on smooth columns (logs, squares, products): ~1e-9 relative.
constexpr double kCentralDifferenceRtol = 1e-6;

data::Frame small_panel(double shift = 0.0) {
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> uniform(0.5, 2.0);
    std::vector<std::int64_t> firm, year;
    std::vector<double> y, x, z;
    std::vector<std::int32_t> group;
    for (int i = 0; i < 30; ++i)
        for (int t = 0; t < 4; ++t) {
            firm.push_back(i);
            year.push_back(2000 + t);
            y.push_back(uniform(rng));
            x.push_back(uniform(rng) + shift);
            z.push_back(uniform(rng));
            group.push_back(static_cast<std::int32_t>((i + t) % 3));
        }
    data::Frame frame;
    frame.add(data::Column::integer("firm", firm));
    frame.add(data::Column::integer("year", year));
    frame.add(data::Column::numeric("y", y));
    frame.add(data::Column::numeric("x", x));
    frame.add(data::Column::numeric("z", z));
    frame.add(data::Column::categorical("g", group, {"a", "b", "c"}));
    return frame;
}

const char* kFormula = "y ~ x + x:z + I(x^2) + log(x * z) + g + i(g, x) + i(year)";

Design design_on(const data::Frame& frame, const std::string& formula = kFormula) {
    return build_design(parse_model(formula), frame);
}

TEST(CounterfactualColumns, WithoutSettingsTheyAreTheDesignsColumnsBitForBit) {
    const data::Frame frame = small_panel();
    const Design design = design_on(frame);
    const auto spec = parse_model(kFormula);
    const CounterfactualColumns columns(spec.formula, frame, nullptr, design.sample.rows, design.names);
    const arma::mat X = columns.columns();
    ASSERT_EQ(X.n_cols, design.X.n_cols);
    EXPECT_TRUE(arma::all(arma::vectorise(X == design.X)));
    std::vector<std::string> names;
    for (const auto& v : columns.variables()) names.push_back(v.name + (v.factor ? "*" : ""));
    EXPECT_EQ(names, (std::vector<std::string>{"x", "z", "g*", "year*"}));
    EXPECT_EQ(columns.variable("g").levels, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(columns.variable("g").reference, "a");
}

TEST(CounterfactualColumns, DerivativesAgreeWithCentralDifferences) {
    const data::Frame frame = small_panel();
    const Design design = design_on(frame);
    const auto spec = parse_model(kFormula);
    const CounterfactualColumns columns(spec.formula, frame, nullptr, design.sample.rows, design.names);
    const double h = 1e-5;
    const arma::mat numeric = (design_on(small_panel(h)).X - design_on(small_panel(-h)).X) / (2 * h);
    const arma::mat exact = columns.derivative("x");
    for (arma::uword j = 0; j < exact.n_cols; ++j)
        for (arma::uword i = 0; i < exact.n_rows; ++i)
            ASSERT_TRUE(testing::close(design.names[j], exact(i, j), numeric(i, j), kCentralDifferenceRtol, 1e-8));
    // At z = 2 for everyone the derivative of x:z is 2 and that of log(x z) is 1/x.
    const arma::mat at = columns.derivative("x", {{"z", 2.0, ""}});
    const auto col = [&](const std::string& name) {
        return static_cast<arma::uword>(std::find(design.names.begin(), design.names.end(), name) - design.names.begin());
    };
    EXPECT_TRUE(arma::all(at.col(col("x:z")) == 2.0));
    EXPECT_TRUE(arma::approx_equal(at.col(col("log(x*z)")), 1.0 / design.X.col(col("x")), "reldiff", 1e-15));
}

TEST(CounterfactualColumns, AFactorSetToALevelSwitchesItsDummiesAndInteractions) {
    const data::Frame frame = small_panel();
    const Design design = design_on(frame);
    const auto spec = parse_model(kFormula);
    const CounterfactualColumns columns(spec.formula, frame, nullptr, design.sample.rows, design.names);
    const arma::mat X = columns.columns({{"g", 0, "b"}});
    const auto col = [&](const std::string& name) {
        return static_cast<arma::uword>(std::find(design.names.begin(), design.names.end(), name) - design.names.begin());
    };
    EXPECT_TRUE(arma::all(X.col(col("g::b")) == 1.0));
    EXPECT_TRUE(arma::all(X.col(col("g::c")) == 0.0));
    EXPECT_TRUE(arma::all(X.col(col("g::b:x")) == design.X.col(col("x"))));
    EXPECT_TRUE(arma::all(X.col(col("g::a:x")) == 0.0));
    EXPECT_TRUE(arma::all(X.col(col("x")) == design.X.col(col("x"))));
    EXPECT_THROW(columns.columns({{"g", 0, "d"}}), Error);
    EXPECT_THROW(columns.columns({{"x", 0, "b"}}), Error);
    EXPECT_THROW(columns.derivative("g"), Error);
}

TEST(CounterfactualColumns, PanelOperatorsAreVariablesOfTheirOwn) {
    const data::Frame frame = small_panel();
    const data::PanelIndex panel(frame, "firm", "year");
    auto spec = parse_model("y ~ x + l(x, 1) + x:l(x,1)");
    spec.panel_id = "firm";
    spec.panel_time = "year";
    const Design design = build_design(spec, frame, &panel);
    const CounterfactualColumns columns(spec.formula, frame, &panel, design.sample.rows, design.names);
    EXPECT_TRUE(arma::all(arma::vectorise(columns.columns() == design.X)));
    std::vector<std::string> names;
    for (const auto& v : columns.variables()) names.push_back(v.name);
    EXPECT_EQ(names, (std::vector<std::string>{"x", "l(x,1)"}));
    // d/dx of x + l(x,1) + x l(x,1): 1 and l(x,1) in the interaction.
    const arma::mat D = columns.derivative("x");
    EXPECT_TRUE(arma::all(D.col(2) == 0.0));
    EXPECT_TRUE(arma::all(D.col(3) == design.X.col(2)));
}

}  // namespace
}  // namespace gvcpanel::models
