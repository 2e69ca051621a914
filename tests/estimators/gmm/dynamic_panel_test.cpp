// The equations and instruments of dynamic-panel GMM on hand-built panels: lag ranges as written,
// instrument counts (block-diagonal and collapsed), rows that gaps remove, orthogonal deviations.
#include "estimators/gmm/dynamic_panel.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"

namespace gvcpanel::estimators {
namespace {

TEST(GmmStyleInstrument, ParsesLagRanges) {
    const auto full = parse_gmm_instrument("log(emp):2-99");
    EXPECT_EQ(full.variable, "log(emp)");
    EXPECT_EQ(full.first_lag, 2);
    EXPECT_EQ(full.last_lag, 99);
    EXPECT_EQ(parse_gmm_instrument("y : 3 - .").last_lag, GmmStyleInstrument::kAllLags);
    EXPECT_EQ(parse_gmm_instrument("y:3").first_lag, 3);
    const auto plain = parse_gmm_instrument("y");
    EXPECT_EQ(plain.first_lag, 2);
    EXPECT_EQ(plain.last_lag, GmmStyleInstrument::kAllLags);
}

TEST(GmmStyleInstrument, RejectsMalformedRanges) {
    EXPECT_THROW(parse_gmm_instrument("y:a-3"), Error);
    EXPECT_THROW(parse_gmm_instrument("y:3-2"), Error);
    EXPECT_THROW(parse_gmm_instrument(":2-3"), Error);
    try {
        parse_gmm_instrument("y:2-x");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("'x' is not a lag"), std::string::npos) << e.what();
    }
}

// Two firms: firm 1 observed 2001-2005, firm 2 in 2001-2003 and 2005 (a gap in 2004).
struct SmallPanel {
    data::Frame frame;
    std::unique_ptr<data::PanelIndex> panel;
    models::Design design;
    std::vector<std::vector<double>> levels;

    explicit SmallPanel(const std::string& formula = "y ~ l(y, 1) + x") {
        frame.add(data::Column::integer("firm", {1, 1, 1, 1, 1, 2, 2, 2, 2}));
        frame.add(data::Column::integer("year", {2001, 2002, 2003, 2004, 2005, 2001, 2002, 2003, 2005}));
        frame.add(data::Column::numeric("y", {1.0, 1.5, 2.5, 2.0, 3.0, 0.5, 1.0, 0.25, 2.0}));
        frame.add(data::Column::numeric("x", {0.1, 0.4, 0.2, 0.8, 0.5, 0.3, 0.9, 0.6, 0.7}));
        panel = std::make_unique<data::PanelIndex>(frame, "firm", "year");
        auto spec = models::parse_model(formula);
        spec.panel_id = "firm";
        spec.panel_time = "year";
        design = models::build_design(spec, frame, panel.get());
        levels = {frame.column("y").to_doubles()};
    }
};

DynamicPanelOptions gmm_options(bool system, bool collapse, Transform transform = Transform::first_differences) {
    DynamicPanelOptions options;
    options.gmm = {parse_gmm_instrument("y:2-99")};
    options.system = system;
    options.collapse = collapse;
    options.transform = transform;
    return options;
}

TEST(DynamicPanel, DifferenceRowsSkipGapsAndInstrumentsFollowLags) {
    SmallPanel p;
    const DynamicPanel system(p.design, *p.panel, p.levels, gmm_options(false, false));
    EXPECT_EQ(system.names(), (std::vector<std::string>{"l(y,1)", "x"}));  // no intercept in differences
    EquationBlock first, second;
    system.build(0, first, true);
    system.build(1, second, true);
    // Levels exist from 2002 (l(y,1)); differences from 2003. Firm 2 loses 2005 (2004 is missing).
    EXPECT_EQ(first.period, (std::vector<std::int32_t>{2, 3, 4}));
    EXPECT_EQ(second.period, (std::vector<std::int32_t>{2}));
    // 2003: y2001 (1 column); 2004: y2001, y2002 (2); 2005: y2001..y2003 (3); plus x: 7 columns.
    EXPECT_EQ(system.n_instruments(), 7u);
    EXPECT_DOUBLE_EQ(first.y(0), 2.5 - 1.5);
    EXPECT_DOUBLE_EQ(first.X(0, 0), 1.5 - 1.0);
    EXPECT_DOUBLE_EQ(first.Z(2, 3), 2.5);   // 2005 row, lag 2: y2003
    EXPECT_DOUBLE_EQ(first.Z(2, 5), 1.0);   // 2005 row, lag 4: y2001
    EXPECT_DOUBLE_EQ(first.Z(0, 6), 0.2 - 0.4);  // x differenced (IV-style)
    EXPECT_DOUBLE_EQ(first.H(0, 0), 2.0);
    EXPECT_DOUBLE_EQ(first.H(0, 1), -1.0);
    EXPECT_DOUBLE_EQ(first.H(0, 2), 0.0);
}

TEST(DynamicPanel, CollapsedInstrumentsHaveOneColumnPerLag) {
    SmallPanel p;
    const DynamicPanel system(p.design, *p.panel, p.levels, gmm_options(false, true));
    EXPECT_EQ(system.n_instruments(), 4u);  // lags 2, 3, 4 of y, and x
    EquationBlock first;
    system.build(0, first);
    EXPECT_DOUBLE_EQ(first.Z(2, 0), 2.5);  // 2005, lag 2
    EXPECT_DOUBLE_EQ(first.Z(0, 0), 1.0);  // 2003, lag 2
    EXPECT_DOUBLE_EQ(first.Z(0, 1), 0.0);  // 2003, lag 3: before the panel
}

TEST(DynamicPanel, SystemAddsLevelRowsWithLaggedDifferences) {
    SmallPanel p;
    const DynamicPanel system(p.design, *p.panel, p.levels, gmm_options(true, true));
    EquationBlock first;
    system.build(0, first, true);
    ASSERT_EQ(first.rows(), 3u + 4u);  // differences 2003-2005, levels 2002-2005
    EXPECT_EQ(first.n_transformed, 3u);
    // The intercept stays, instrumented in the levels equation only.
    EXPECT_EQ(system.names(), (std::vector<std::string>{"(Intercept)", "l(y,1)", "x"}));
    // Levels row 2003 (row 4): Delta y2002 = 0.5 instruments it.
    const auto& groups = system.groups();
    ASSERT_EQ(groups.back().name, "levels");
    const arma::uword dy_column = groups.back().columns(0);
    EXPECT_DOUBLE_EQ(first.Z(4, dy_column), 1.5 - 1.0);
    // A difference at t with the level at t: +1; with the level at t-1: -1.
    EXPECT_DOUBLE_EQ(first.H(0, 4), 1.0);
    EXPECT_DOUBLE_EQ(first.H(0, 3), -1.0);
    EXPECT_DOUBLE_EQ(first.H(4, 4), 1.0);
}

TEST(DynamicPanel, OrthogonalDeviationsUseTheLaterObservations) {
    SmallPanel p;
    const DynamicPanel system(p.design, *p.panel, p.levels, gmm_options(false, false, Transform::orthogonal_deviations));
    EquationBlock first;
    system.build(0, first, true);
    // Firm 1 levels 2002-2005: deviations of 2002, 2003, 2004 stored one period late.
    EXPECT_EQ(first.period, (std::vector<std::int32_t>{2, 3, 4}));
    const double mean_later = (2.5 + 2.0 + 3.0) / 3.0;
    EXPECT_DOUBLE_EQ(first.y(0), std::sqrt(3.0 / 4.0) * (1.5 - mean_later));
    EXPECT_DOUBLE_EQ(first.H(0, 1), 0.0);
}

TEST(DynamicPanel, UnknownIvStyleVariableIsNamed) {
    SmallPanel p;
    auto options = gmm_options(false, false);
    options.iv = {"z"};
    try {
        DynamicPanel(p.design, *p.panel, p.levels, options);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("--iv 'z': not a regressor"), std::string::npos) << e.what();
    }
}

TEST(DynamicPanel, LagZeroCannotInstrumentTheTransformedEquation) {
    SmallPanel p;
    auto options = gmm_options(false, false);
    options.gmm = {parse_gmm_instrument("y:0-2")};
    EXPECT_THROW(DynamicPanel(p.design, *p.panel, p.levels, options), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
