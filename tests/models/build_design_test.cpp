#include "models/build_design.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "models/design_size.hpp"
#include "support/caret.hpp"
#include "support/compare.hpp"

namespace gvcpanel::models {
namespace {

using testing::caret_error_of;
using Names = std::vector<std::string>;

const double kNa = std::nan("");
// Values built from the same doubles by the same operations must agree to rounding.
constexpr double kExact = 1e-15;

Design build(const std::string& formula, const data::Frame& frame, const data::PanelIndex* panel = nullptr,
             void (*adjust)(ModelSpec&) = nullptr) {
    ModelSpec spec = parse_model(formula);
    if (adjust) adjust(spec);
    return build_design(spec, frame, panel);
}

// Six firms-years; no missing values.
data::Frame small() {
    data::Frame frame;
    frame.add(data::Column::numeric("y", {1, 2, 3, 4, 5, 6}));
    frame.add(data::Column::numeric("x1", {0.5, 1.5, 2.0, -1.0, 3.0, 0.25}));
    frame.add(data::Column::numeric("x2", {2, 3, 5, 7, 11, 13}));
    frame.add(data::Column::integer("year", {10, 9, 10, 9, 100, 9}));
    // Levels stored out of order; sorted they are a < b < c.
    frame.add(data::Column::categorical("g", {0, 1, 2, 0, 1, 2}, {"b", "a", "c"}));
    return frame;
}

TEST(BuildDesign, NamesAndValuesOfTransformedTerms) {
    const data::Frame frame = small();
    const Design d = build("log(y) ~ x1 + log(x2) + I(x1^2) + x1:x2 + sqrt(abs(x1))", frame);
    EXPECT_EQ(d.outcome, "log(y)");
    EXPECT_EQ(d.names, (Names{"(Intercept)", "x1", "log(x2)", "I(x1^2)", "x1:x2", "sqrt(abs(x1))"}));
    ASSERT_EQ(d.X.n_rows, 6u);
    const auto& x1 = frame.column("x1").numbers;
    const auto& x2 = frame.column("x2").numbers;
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(d.X(i, 0), 1.0);
        EXPECT_CLOSE("y", d.y[i], std::log(i + 1.0), kExact);
        EXPECT_CLOSE("log(x2)", d.X(i, 2), std::log(x2[i]), kExact);
        EXPECT_CLOSE("I(x1^2)", d.X(i, 3), x1[i] * x1[i], kExact);
        EXPECT_CLOSE("x1:x2", d.X(i, 4), x1[i] * x2[i], kExact);
        EXPECT_CLOSE("sqrt(abs(x1))", d.X(i, 5), std::sqrt(std::abs(x1[i])), kExact);
    }
    EXPECT_TRUE(d.has_intercept);
}

TEST(BuildDesign, StringColumnExpandsWithSmallestLevelAsReference) {
    const Design d = build("y ~ g", small());
    EXPECT_EQ(d.names, (Names{"(Intercept)", "g::b", "g::c"}));
    // Row codes {b, a, c, b, a, c}.
    const std::vector<double> b = {1, 0, 0, 1, 0, 0}, c = {0, 0, 1, 0, 0, 1};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(d.X(i, 1), b[i]);
        EXPECT_EQ(d.X(i, 2), c[i]);
    }
}

TEST(BuildDesign, WithoutInterceptTheFirstFactorKeepsAllLevels) {
    EXPECT_EQ(build("y ~ 0 + g", small()).names, (Names{"g::a", "g::b", "g::c"}));
    EXPECT_EQ(build("y ~ 0 + g + i(year)", small()).names,
              (Names{"g::a", "g::b", "g::c", "year::10", "year::100"}));
}

TEST(BuildDesign, NumericLevelsSortNumerically) {
    // 9 < 10 < 100 (byte-wise "10" < "100" < "9" would pick 10 as reference).
    EXPECT_EQ(build("y ~ i(year)", small()).names, (Names{"(Intercept)", "year::10", "year::100"}));
}

TEST(BuildDesign, ExplicitReferenceLevel) {
    EXPECT_EQ(build("y ~ i(g, ref = \"c\")", small()).names, (Names{"(Intercept)", "g::a", "g::b"}));
    EXPECT_EQ(build("y ~ i(g, ref = b)", small()).names, (Names{"(Intercept)", "g::a", "g::c"}));
    EXPECT_EQ(build("y ~ i(year, ref = 100)", small()).names, (Names{"(Intercept)", "year::9", "year::10"}));
}

TEST(BuildDesign, ReferenceIsTheSmallestLevelInTheSample) {
    // The subset removes every row of level a, so b becomes the reference.
    const Design d = build("y ~ g", small(), nullptr, [](ModelSpec& s) { s.subset = "g != \"a\""; });
    EXPECT_EQ(d.names, (Names{"(Intercept)", "g::c"}));
    EXPECT_EQ(d.sample.dropped.subset, 2u);
}

TEST(BuildDesign, ExplicitReferenceMustBeInTheSample) {
    const auto error = caret_error_of([] {
        build("y ~ i(g, ref = a)", small(), nullptr, [](ModelSpec& s) { s.subset = "g != \"a\""; });
    });
    EXPECT_NE(error.what.find("reference level 'a' of 'g' is not in the estimation sample"), std::string::npos)
        << error.what;
    EXPECT_EQ(error.column, 15u);
}

TEST(BuildDesign, FactorByContinuousKeepsEveryLevel) {
    const data::Frame frame = small();
    const Design d = build("y ~ i(g, x1)", frame);
    EXPECT_EQ(d.names, (Names{"(Intercept)", "g::a:x1", "g::b:x1", "g::c:x1"}));
    const auto& x1 = frame.column("x1").numbers;
    const std::vector<std::size_t> level = {1, 0, 2, 1, 0, 2};  // a = 0, b = 1, c = 2
    for (std::size_t i = 0; i < 6; ++i)
        for (std::size_t l = 0; l < 3; ++l) EXPECT_EQ(d.X(i, 1 + l), l == level[i] ? x1[i] : 0.0);
    EXPECT_EQ(build("y ~ i(g, x1, ref = a)", frame).names, (Names{"(Intercept)", "g::b:x1", "g::c:x1"}));
}

TEST(BuildDesign, InteractionOfVariableAndStringColumn) {
    EXPECT_EQ(build("y ~ x1*g", small()).names,
              (Names{"(Intercept)", "x1", "g::b", "g::c", "x1:g::a", "x1:g::b", "x1:g::c"}));
}

TEST(BuildDesign, MissingValuesAreDroppedAndCounted) {
    data::Frame frame;
    frame.add(data::Column::numeric("y", {1, 2, kNa, 4, 5, 6, 7}));
    frame.add(data::Column::numeric("x", {1, 0, 3, 4, kNa, 6, 7}));  // log(0) is -inf: missing
    frame.add(data::Column::categorical("g", {0, 1, 0, data::kMissingCode, 1, 0, 1}, {"p", "q"}));
    frame.add(data::Column::integer("t", {1, 2, 3, 4, 5, 6, data::kMissingInteger}));
    const Design d = build("y ~ log(x) + g", frame, nullptr, [](ModelSpec& s) { s.subset = "t >= 2"; });
    // Row 0 fails the subset; row 6 has t missing: unknown, so also outside the subset.
    EXPECT_EQ(d.sample.dropped.subset, 2u);
    // Rows 1 (log 0), 2 (y), 3 (g), 4 (x) are missing.
    EXPECT_EQ(d.sample.dropped.missing, 4u);
    EXPECT_EQ(d.sample.rows, (std::vector<std::size_t>{5}));
    EXPECT_EQ(d.nobs(), 1u);
}

TEST(BuildDesign, EmptySampleIsAnErrorThatSaysWhy) {
    data::Frame frame;
    frame.add(data::Column::numeric("y", {kNa, 1}));
    frame.add(data::Column::numeric("x", {1, kNa}));
    try {
        build("y ~ x", frame);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("2 with missing values"), std::string::npos) << e.what();
    }
}

// Two firms; firm 1 is observed in 2000, 2001 and 2003 (2002 is a gap).
data::Frame gappy_panel() {
    data::Frame frame;
    frame.add(data::Column::integer("firm", {1, 1, 1, 2, 2, 2}));
    frame.add(data::Column::integer("year", {2000, 2001, 2003, 2000, 2001, 2002}));
    frame.add(data::Column::numeric("x", {1, 2, 4, 10, 20, 30}));
    frame.add(data::Column::numeric("y", {1, 2, 3, 4, 5, 6}));
    return frame;
}

TEST(BuildDesign, LagsRespectGapsAndEdges) {
    const data::Frame frame = gappy_panel();
    const data::PanelIndex panel(frame, "firm", "year");
    const Design d = build("y ~ l(x, 1) + d(x)", frame, &panel);
    EXPECT_EQ(d.names, (Names{"(Intercept)", "l(x,1)", "d(x)"}));
    // First years have no lag; firm 1's 2003 has no 2002.
    EXPECT_EQ(d.sample.rows, (std::vector<std::size_t>{1, 4, 5}));
    EXPECT_EQ(d.sample.dropped.missing, 3u);
    EXPECT_EQ(d.X(0, 1), 1.0);
    EXPECT_EQ(d.X(1, 1), 10.0);
    EXPECT_EQ(d.X(2, 1), 20.0);
    EXPECT_EQ(d.X(0, 2), 1.0);
    EXPECT_EQ(d.X(2, 2), 10.0);
    EXPECT_EQ(d.sample.entity, (std::vector<std::int32_t>{0, 1, 1}));
    EXPECT_EQ(d.sample.period, (std::vector<std::int32_t>{1, 1, 2}));
}

// Issue 17 item 2: the same panel with its years written as quarters ("2001Q1"): l() and d()
// respect the gap exactly as with whole-number times.
TEST(BuildDesign, LagsRespectGapsInDateTimes) {
    data::Frame frame = gappy_panel();
    const auto& year = frame.column("year").integers;
    std::vector<std::int32_t> codes;
    for (const auto y : year) codes.push_back(static_cast<std::int32_t>(y - 2000));
    frame.add(data::Column::categorical("quarter", codes, {"2000Q1", "2000Q2", "2000Q3", "2000Q4"}));
    const data::PanelIndex years(frame, "firm", "year"), quarters(frame, "firm", "quarter");
    const Design a = build("y ~ l(x, 1) + d(x)", frame, &years);
    const Design b = build("y ~ l(x, 1) + d(x)", frame, &quarters);
    EXPECT_EQ(b.sample.rows, a.sample.rows);
    EXPECT_EQ(b.sample.period, a.sample.period);
    EXPECT_TRUE(arma::approx_equal(b.X, a.X, "absdiff", 0.0));
}

// Issue 17 item 1: a design wider than the limit is refused with its width before it is built.
TEST(BuildDesign, ADesignWiderThanTheLimitIsRefusedWithTheCount) {
    constexpr std::size_t kRows = kMaxDesignColumns + 2;
    std::vector<std::int32_t> codes(kRows);
    std::vector<std::string> levels(kRows);
    std::vector<double> y(kRows);
    for (std::size_t r = 0; r < kRows; ++r) {
        codes[r] = static_cast<std::int32_t>(r);
        levels[r] = "v" + std::to_string(r);
        y[r] = static_cast<double>(r % 7);
    }
    data::Frame frame;
    frame.add(data::Column::numeric("y", y));
    frame.add(data::Column::categorical("share", codes, levels));
    try {
        build("y ~ share", frame);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "the design would have 100002 columns, more than the 100000 allowed; 'share' alone gives 100001 "
                  "(a factor: one column per level; absorb it as a fixed effect after '|', or is it a number column read "
                  "as text?)");
    }
}

TEST(BuildDesign, LagRangesLeadsAndLagsOfExpressions) {
    const data::Frame frame = gappy_panel();
    const data::PanelIndex panel(frame, "firm", "year");
    const Design range = build("y ~ l(x, 0:2)", frame, &panel);
    EXPECT_EQ(range.names, (Names{"(Intercept)", "x", "l(x,1)", "l(x,2)"}));
    // Firm 1 in 2003 has a second lag (2001) but no first (2002 is a gap).
    EXPECT_EQ(range.sample.rows, (std::vector<std::size_t>{5}));
    EXPECT_EQ(range.X(0, 1), 30.0);
    EXPECT_EQ(range.X(0, 2), 20.0);
    EXPECT_EQ(range.X(0, 3), 10.0);
    const Design lag2 = build("y ~ l(x, 2)", frame, &panel);
    EXPECT_EQ(lag2.sample.rows, (std::vector<std::size_t>{2, 5}));
    EXPECT_EQ(lag2.X(0, 1), 2.0);
    EXPECT_EQ(lag2.X(1, 1), 10.0);
    const Design lead = build("y ~ f(x, 1) + l(log(x), 1)", frame, &panel);
    EXPECT_EQ(lead.names, (Names{"(Intercept)", "f(x,1)", "l(log(x),1)"}));
    EXPECT_EQ(lead.sample.rows, (std::vector<std::size_t>{4}));
    EXPECT_EQ(lead.X(0, 1), 30.0);
    EXPECT_CLOSE("l(log(x),1)", lead.X(0, 2), std::log(10.0), kExact);
}

TEST(BuildDesign, PanelOperatorsNeedAPanelWithTime) {
    const data::Frame frame = gappy_panel();
    const auto no_panel = caret_error_of([&] { build("y ~ x + l(x, 1)", frame); });
    EXPECT_NE(no_panel.what.find("l() needs --panel ID,TIME"), std::string::npos) << no_panel.what;
    EXPECT_EQ(no_panel.column, 8u);
    const data::PanelIndex groups(frame, "firm");
    const auto no_time = caret_error_of([&] { build("y ~ d(x)", frame, &groups); });
    EXPECT_NE(no_time.what.find("d() needs a time variable"), std::string::npos) << no_time.what;
}

TEST(BuildDesign, UnknownVariableShowsCaretAndClosestNames) {
    const auto error = caret_error_of([] { build("y ~ x1 + log(x3) | gg", small()); });
    EXPECT_NE(error.what.find("unknown variable 'x3'; did you mean"), std::string::npos) << error.what;
    EXPECT_NE(error.what.find("'x1'"), std::string::npos) << error.what;
    EXPECT_EQ(error.column, 13u);
    const auto fixed_effect = caret_error_of([] { build("y ~ x1 | gg", small()); });
    EXPECT_NE(fixed_effect.what.find("unknown variable 'gg'"), std::string::npos) << fixed_effect.what;
    EXPECT_EQ(fixed_effect.column, 9u);
    const auto factor = caret_error_of([] { build("y ~ i(h)", small()); });
    EXPECT_EQ(factor.column, 6u);
}

TEST(BuildDesign, UnknownReferenceLevelShowsCaretAndLevels) {
    const auto error = caret_error_of([] { build("y ~ i(g, ref = \"cc\")", small()); });
    EXPECT_NE(error.what.find("'cc' is not a level of 'g'; did you mean 'c'"), std::string::npos) << error.what;
    EXPECT_EQ(error.column, 15u);
}

TEST(BuildDesign, TextWhereANumberIsNeeded) {
    const auto outcome = caret_error_of([] { build("g ~ x1", small()); });
    EXPECT_NE(outcome.what.find("the outcome 'g' holds text"), std::string::npos) << outcome.what;
    const auto arithmetic = caret_error_of([] { build("y ~ log(g)", small()); });
    EXPECT_NE(arithmetic.what.find("'g' holds text"), std::string::npos) << arithmetic.what;
    EXPECT_EQ(arithmetic.column, 8u);
}

// A chain of firm-year cells where dropping one singleton creates the next, plus a solid block:
// year 1 has only (A,1); then A has only (A,2); year 2 only (B,2); B only (B,3); year 3 only
// (C,3); C only (C,5). Firms D and E in years 5 and 6 have no singletons.
data::Frame singleton_chain() {
    data::Frame frame;
    frame.add(data::Column::categorical("firm", {0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, {"A", "B", "C", "D", "E"}));
    frame.add(data::Column::integer("year", {1, 2, 2, 3, 3, 5, 5, 6, 5, 6}));
    frame.add(data::Column::numeric("y", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    frame.add(data::Column::numeric("x", {1, 3, 2, 5, 4, 6, 8, 7, 9, 11}));
    return frame;
}

TEST(BuildDesign, SingletonsAreDroppedUntilNoneRemain) {
    const Design d = build("y ~ x | firm + year", singleton_chain());
    EXPECT_EQ(d.sample.dropped.singletons, 6u);
    EXPECT_EQ(d.sample.rows, (std::vector<std::size_t>{6, 7, 8, 9}));
    EXPECT_FALSE(d.has_intercept);
    EXPECT_EQ(d.names, (Names{"x"}));
    ASSERT_EQ(d.sample.fixed_effects.size(), 2u);
    EXPECT_EQ(d.sample.fixed_effects[0].name, "firm");
    EXPECT_EQ(d.sample.fixed_effects[0].levels, 2);
    EXPECT_EQ(d.sample.fixed_effects[0].codes, (std::vector<std::int32_t>{0, 0, 1, 1}));
    EXPECT_EQ(d.sample.fixed_effects[0].level_names, (Names{"D", "E"}));
    EXPECT_EQ(d.sample.fixed_effects[1].codes, (std::vector<std::int32_t>{0, 1, 0, 1}));
    EXPECT_EQ(d.sample.fixed_effects[1].level_names, (Names{"5", "6"}));
}

TEST(BuildDesign, KeepSingletonsOnRequestAndWithoutFixedEffects) {
    const Design kept = build("y ~ x | firm + year", singleton_chain(), nullptr,
                              [](ModelSpec& s) { s.keep_singletons = true; });
    EXPECT_EQ(kept.sample.dropped.singletons, 0u);
    EXPECT_EQ(kept.nobs(), 10u);
    EXPECT_EQ(build("y ~ x", singleton_chain()).sample.dropped.singletons, 0u);
}

TEST(BuildDesign, CombinedFixedEffectAndFactorsWithFixedEffects) {
    const Design d = build("y ~ x + i(firm) | firm^year", singleton_chain(), nullptr,
                           [](ModelSpec& s) { s.keep_singletons = true; });
    ASSERT_EQ(d.sample.fixed_effects.size(), 1u);
    EXPECT_EQ(d.sample.fixed_effects[0].name, "firm^year");
    EXPECT_EQ(d.sample.fixed_effects[0].levels, 10);
    EXPECT_EQ(d.sample.fixed_effects[0].level_names[0], "A^1");
    // With fixed effects the factor's reference (A) is left out.
    EXPECT_EQ(d.names, (Names{"x", "firm::B", "firm::C", "firm::D", "firm::E"}));
}

TEST(BuildDesign, VaryingSlopesAreGatheredAndTheirMissingRowsDropped) {
    data::Frame frame = singleton_chain();
    frame.add(data::Column::numeric("t", {1, 2, kNa, 3, 4, 5, 6, 7, 8, 9}));
    const Design d = build("y ~ x | firm[[t, x]] + year^firm[t]", frame, nullptr,
                           [](ModelSpec& s) { s.keep_singletons = true; });
    EXPECT_EQ(d.sample.dropped.missing, 1u);
    ASSERT_EQ(d.nobs(), 9u);
    ASSERT_EQ(d.sample.fixed_effects.size(), 2u);
    const Grouping& firm = d.sample.fixed_effects[0];
    EXPECT_EQ(firm.name, "firm[[t,x]]");
    EXPECT_EQ(firm.slopes.variables, (Names{"t", "x"}));
    EXPECT_FALSE(firm.slopes.with_intercept);
    ASSERT_EQ(firm.slopes.values.n_rows, 9u);
    EXPECT_EQ(firm.slopes.values(2, 0), 3.0);  // row 3 of the frame: row 2 (t missing) is dropped
    EXPECT_EQ(firm.slopes.values(2, 1), 5.0);
    EXPECT_EQ(d.sample.fixed_effects[1].name, "year^firm[t]");
    EXPECT_TRUE(d.sample.fixed_effects[1].slopes.with_intercept);
    EXPECT_FALSE(build("y ~ x | firm", frame).sample.fixed_effects[0].has_slopes());
}

TEST(BuildDesign, VaryingSlopesMustBeNumericColumns) {
    const auto unknown = caret_error_of([] { build("y ~ x1 | g[x3]", small()); });
    EXPECT_NE(unknown.what.find("unknown variable 'x3'"), std::string::npos) << unknown.what;
    EXPECT_EQ(unknown.column, 11u);
    const auto text = caret_error_of([] { build("y ~ x1 | year[x1, g]", small()); });
    EXPECT_NE(text.what.find("the varying slope 'g' holds text"), std::string::npos) << text.what;
    EXPECT_EQ(text.column, 18u);
}

TEST(BuildDesign, ClusterVariablesBecomeGroupingsAndDropMissingRows) {
    data::Frame frame = small();
    frame.add(data::Column::numeric("region", {3, 1, kNa, 3, 1, 2}));
    const Design d = build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.clusters = {"region", "g^year"}; });
    EXPECT_EQ(d.sample.dropped.missing, 1u);
    ASSERT_EQ(d.sample.clusters.size(), 2u);
    EXPECT_EQ(d.sample.clusters[0].name, "region");
    EXPECT_EQ(d.sample.clusters[0].codes, (std::vector<std::int32_t>{2, 0, 2, 0, 1}));
    EXPECT_EQ(d.sample.clusters[1].name, "g^year");
    EXPECT_EQ(d.sample.clusters[1].levels, 5);  // (b,10) (a,9) (b,9) (a,100) (c,9)
    EXPECT_THROW(build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.clusters = {"regoin"}; }), Error);
}

TEST(BuildDesign, WeightsAreGatheredZerosDroppedNegativesRefused) {
    data::Frame frame = small();
    frame.add(data::Column::numeric("weight", {1, 0, 2, kNa, 3, 4}));
    frame.add(data::Column::numeric("bad_weight", {1, 1, -2, 1, 1, 1}));
    const Design d = build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.weights = "weight"; });
    EXPECT_EQ(d.sample.dropped.zero_weight, 1u);
    EXPECT_EQ(d.sample.dropped.missing, 1u);
    EXPECT_EQ(d.sample.rows, (std::vector<std::size_t>{0, 2, 4, 5}));
    EXPECT_EQ(d.weights.n_elem, 4u);
    EXPECT_EQ(d.weights[1], 2.0);
    try {
        build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.weights = "bad_weight"; });
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("data row 3 has the weight -2"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(build("y ~ x1", frame).weights.empty());
}

TEST(BuildDesign, WeightsMayBeAnExpression) {
    data::Frame frame = small();
    frame.add(data::Column::numeric("pop", {4, 0, 2, kNa, 8, 0.5}));
    frame.add(data::Column::numeric("inverse_pop", {0.25, INFINITY, 0.5, kNa, 0.125, 2}));
    const Design d = build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.weights = "1 / pop"; });
    EXPECT_EQ(d.sample.rows, (std::vector<std::size_t>{0, 2, 4, 5}));
    EXPECT_EQ(d.sample.dropped.missing, 2u);  // pop missing, and 1/0 (not finite: missing, as transformations)
    for (std::size_t i = 0; i < d.sample.rows.size(); ++i)
        EXPECT_EQ(d.weights[i], 1 / frame.column("pop").numbers[d.sample.rows[i]]);
    // The same as the column computed beforehand, where the infinite weight is an error instead.
    EXPECT_THROW(build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.weights = "inverse_pop"; }), Error);
    const auto caret = caret_error_of([&] { build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.weights = "1 / pp"; }); });
    EXPECT_NE(caret.what.find("weights: unknown variable 'pp'; did you mean 'pop'"), std::string::npos) << caret.what;
    EXPECT_EQ(caret.column, 4u);
    EXPECT_THROW(build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.weights = "g"; }), Error);
    EXPECT_THROW(build("y ~ x1", frame, nullptr, [](ModelSpec& s) { s.weights = "g == 1"; }), Error);
}

// fixest computes scale() on the data after its subset and before dropping rows with missing values
// (R 4.2, fixest 0.12.1: feols(y ~ scale(x), d, subset = ~ g > 1) equals lm with the scale taken
// over the subset rows, rows with a missing y included): so does the design.
TEST(BuildDesign, SampleStatisticsRunOverTheSubsetRows) {
    data::Frame frame = small();
    frame.column("y").numbers[3] = kNa;  // inside the subset, out of the estimation sample
    const Design d = build("y ~ scale(x1) + center(x2) + mean(x1, by = g)", frame, nullptr,
                           [](ModelSpec& s) { s.subset = "year < 100"; });
    EXPECT_EQ(d.names, (Names{"(Intercept)", "scale(x1)", "center(x2)", "mean(x1,by=g)"}));
    EXPECT_EQ(d.sample.rows, (std::vector<std::size_t>{0, 1, 2, 5}));
    const std::vector<std::size_t> subset = {0, 1, 2, 3, 5};
    const auto& x1 = frame.column("x1").numbers;
    const auto& x2 = frame.column("x2").numbers;
    double mean1 = 0, mean2 = 0, squares = 0;
    for (const auto row : subset) mean1 += x1[row] / 5, mean2 += x2[row] / 5;
    for (const auto row : subset) squares += (x1[row] - mean1) * (x1[row] - mean1);
    const double sd1 = std::sqrt(squares / 4);
    // g over the subset rows: b = rows 0, 3; a = row 1; c = rows 2, 5.
    const std::vector<double> group_mean = {(x1[0] + x1[3]) / 2, x1[1], (x1[2] + x1[5]) / 2, 0, 0,
                                            (x1[2] + x1[5]) / 2};
    for (std::size_t i = 0; i < d.sample.rows.size(); ++i) {
        const std::size_t row = d.sample.rows[i];
        EXPECT_CLOSE("scale(x1)", d.X(i, 1), (x1[row] - mean1) / sd1, kExact);
        EXPECT_CLOSE("center(x2)", d.X(i, 2), x2[row] - mean2, kExact);
        EXPECT_CLOSE("mean(x1, by = g)", d.X(i, 3), group_mean[row], kExact);
    }
}

TEST(BuildDesign, OffsetIsGathered) {
    const Design d = build("y ~ x1", small(), nullptr, [](ModelSpec& s) { s.offset = "x2"; });
    EXPECT_EQ(d.offset[2], 5.0);
}

TEST(BuildDesign, InstrumentalVariablesPart) {
    data::Frame frame = small();
    frame.add(data::Column::numeric("gvc", {1, 4, 2, 8, 5, 7}));
    frame.add(data::Column::numeric("tariff", {3, 1, 4, 1, 5, 9}));
    const Design d = build("y ~ x1 | gvc ~ tariff + x2", frame);
    EXPECT_EQ(d.names, (Names{"(Intercept)", "gvc", "x1"}));
    EXPECT_EQ(d.endogenous, (Names{"gvc"}));
    EXPECT_EQ(d.instrument_names, (Names{"tariff", "x2"}));
    ASSERT_EQ(d.instruments.n_cols, 2u);
    EXPECT_EQ(d.instruments(5, 0), 9.0);
    EXPECT_EQ(d.X(3, 1), 8.0);
    const auto twice = caret_error_of([&] { build("y ~ x1 + gvc | gvc ~ tariff", frame); });
    EXPECT_NE(twice.what.find("'gvc' is already among the terms"), std::string::npos) << twice.what;
    EXPECT_EQ(twice.column, 15u);
}

TEST(BuildDesign, DefaultEstimatorFollowsTheFormula) {
    EXPECT_EQ(parse_model("y ~ x").estimator, "ols");
    EXPECT_EQ(parse_model("y ~ x | g ~ z").estimator, "2sls");
}

}  // namespace
}  // namespace gvcpanel::models
