#include "data/transforms.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "data/error.hpp"
#include "support/compare.hpp"

namespace gvcpanel::data {
namespace {

using gvcpanel::testing::close;

// A handful of flops on values R printed with 17 digits: agreement to a few ulps.
constexpr double kFewFlopsRtol = 1e-14;

const double kNaN = std::nan("");

// Firm "b": 2001, 2002, 2004 (2003 is a gap); firm "a": 2002, 2001; rows unsorted.
Frame firms_with_a_gap() {
    Frame f;
    f.add(Column::categorical("firm", {0, 0, 1, 0, 1}, {"b", "a"}));
    f.add(Column::integer("year", {2004, 2001, 2002, 2002, 2001}));
    return f;
}
const std::vector<double> kX = {40, 10, 200, 20, 100};  // b04, b01, a02, b02, a01

void expect_same(const std::vector<double>& actual, const std::vector<double>& expected) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        if (std::isnan(expected[i]))
            EXPECT_TRUE(std::isnan(actual[i]))
                << "row " << i << ": " << actual[i] << " is not missing";
        else
            EXPECT_EQ(actual[i], expected[i]) << "row " << i;
    }
}

TEST(Lag, IsMissingAcrossAGapAndAtTheFirstPeriod) {
    const PanelIndex p(firms_with_a_gap(), "firm", "year");
    expect_same(lag(p, kX), {kNaN, kNaN, 100, 10, kNaN});
    expect_same(lag(p, kX, 2), {20, kNaN, kNaN, kNaN, kNaN});
    expect_same(lag(p, kX, 0), kX);
}

TEST(Lead, IsMissingAcrossAGapAndAtTheLastPeriod) {
    const PanelIndex p(firms_with_a_gap(), "firm", "year");
    expect_same(lead(p, kX), {kNaN, 20, kNaN, kNaN, 200});
    expect_same(lead(p, kX, 2), {kNaN, kNaN, kNaN, 40, kNaN});
}

TEST(Difference, IsXMinusItsLag) {
    const PanelIndex p(firms_with_a_gap(), "firm", "year");
    expect_same(difference(p, kX), {kNaN, kNaN, 100, 10, kNaN});
    expect_same(difference(p, kX, 2), {20, kNaN, kNaN, kNaN, kNaN});
}

TEST(Lag, MissingValuesAndRowsOutsideThePanelStayMissing) {
    Frame f;
    f.add(Column::integer("id", {1, 1, 1, 1}));
    f.add(Column::integer("t", {1, 2, 3, kMissingInteger}));
    const PanelIndex p(f, "id", "t");
    expect_same(lag(p, {1, kNaN, 3, 4}), {kNaN, 1, kNaN, kNaN});
}

TEST(Lag, NeedsATimeColumnAndOneValuePerRow) {
    Frame f;
    f.add(Column::integer("id", {1, 1}));
    const PanelIndex entity_only(f, "id");
    EXPECT_THROW(lag(entity_only, {1, 2}, 1, "tfp"), Error);
    const PanelIndex p(firms_with_a_gap(), "firm", "year");
    EXPECT_THROW(lag(p, {1, 2}, 1, "tfp"), Error);
}

// Along a shuffled panel with random gaps, lag(x, k) is x at shifted_row(row, k).
TEST(Lag, AgreesWithShiftedRow) {
    std::mt19937_64 engine(7);
    std::vector<std::int64_t> ids, years;
    std::vector<double> x;
    for (std::int64_t id = 0; id < 40; ++id)
        for (std::int64_t year = 0; year < 15; ++year)
            if (engine() % 3 != 0)
                ids.push_back(id), years.push_back(year),
                    x.push_back(static_cast<double>(engine() % 1000));
    std::vector<std::size_t> perm(ids.size());
    for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), engine);
    std::vector<std::int64_t> id_column, year_column;
    std::vector<double> values;
    for (auto i : perm)
        id_column.push_back(ids[i]), year_column.push_back(years[i]), values.push_back(x[i]);
    Frame f;
    f.add(Column::integer("id", id_column));
    f.add(Column::integer("year", year_column));
    const PanelIndex p(f, "id", "year");
    for (int k : {-2, 1, 3}) {
        std::vector<double> expected(values.size(), kNaN);
        for (std::size_t row = 0; row < values.size(); ++row)
            if (const auto source = p.shifted_row(row, k); source != PanelIndex::npos)
                expected[row] = values[source];
        expect_same(lag(p, values, k), expected);
    }
}

TEST(NaturalLog, NonPositiveValuesBecomeMissingAndAreCounted) {
    const auto result = natural_log({std::exp(1.0), 0.0, -3.0, kNaN, 1.0});
    expect_same(result.values, {1.0, kNaN, kNaN, kNaN, 0.0});
    EXPECT_EQ(result.n_nonpositive, 2u);
}

// R 4.2.2: x <- c(3.2, -1.5, 8.7, 0.4, 12.9, 5.5, 2.2, 100, -7.3, 4.1, 6.6)
const std::vector<double> kR = {3.2, -1.5, 8.7, 0.4, 12.9, 5.5, 2.2, 100, -7.3, 4.1, 6.6};

TEST(Winsorize, ClipsAtInterpolatedQuantilesAsR) {
    // q <- quantile(x, c(0.05, 0.85), type = 7); pmin(pmax(x, q[1]), q[2])
    const std::vector<double> expected = {3.2, -1.5, 8.7,  0.4, 10.8, 5.5,
                                          2.2, 10.8, -4.4, 4.1, 6.6};
    auto x = kR;
    x.push_back(kNaN);
    const auto w = winsorize(x, {.lower = 0.05, .upper = 0.85});
    ASSERT_EQ(w.size(), x.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        EXPECT_TRUE(close("row " + std::to_string(i), w[i], expected[i], kFewFlopsRtol));
    EXPECT_TRUE(std::isnan(w.back()));
}

TEST(Winsorize, WholeRangeLeavesXUnchangedAndBadQuantilesAreErrors) {
    expect_same(winsorize(kR, {.lower = 0, .upper = 1}), kR);
    EXPECT_THROW(winsorize(kR, {.lower = 0.9, .upper = 0.1}), Error);
    EXPECT_THROW(winsorize(kR, {.lower = -0.1, .upper = 0.9}), Error);
    EXPECT_THROW(winsorize(kR, {.lower = 0.1, .upper = kNaN}), Error);
}

TEST(Standardize, MatchesRScale) {
    // as.vector(scale(x))
    const std::vector<double> expected = {
        -0.306071744775796628, -0.464946335186526394, -0.120154670890900095, -0.400720436935380286,
        0.021818367348475493,  -0.228324604787567137, -0.339874849118505129, 2.966068755598382900,
        -0.661004340374235499, -0.275648950867359022, -0.191141190010587853};
    const auto z = standardize(kR);
    for (std::size_t i = 0; i < expected.size(); ++i)
        EXPECT_TRUE(close("row " + std::to_string(i), z[i], expected[i], kFewFlopsRtol));
}

TEST(Standardize, ConstantOrTooShortIsAnErrorNamingTheVariable) {
    try {
        standardize({2, 2, kNaN, 2}, "age");
        FAIL() << "a constant variable was standardized";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("'age'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(standardize({1, kNaN}, "age"), Error);
}

}  // namespace
}  // namespace gvcpanel::data
