#include "data/describe.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

using gvcpanel::testing::close;

// Means and sds over at most 200 values, summed in another order than R's: agreement to ~1e-13;
// R printed 17 digits.
constexpr double kSummaryRtol = 1e-12;

void expect_summary(const VariableSummary& s, const std::vector<double>& r) {
    const std::vector<std::pair<const char*, double>> actual = {
        {"mean", s.mean},
        {"sd", s.sd},
        {"min", s.min},
        {"max", s.max},
        {"N", static_cast<double>(s.n)},
        {"between sd", s.between_sd},
        {"between min", s.between_min},
        {"between max", s.between_max},
        {"n", static_cast<double>(s.n_entities)},
        {"within sd", s.within_sd},
        {"within min", s.within_min},
        {"within max", s.within_max},
        {"T-bar", s.t_bar}};
    ASSERT_EQ(actual.size(), r.size());
    for (std::size_t i = 0; i < r.size(); ++i)
        EXPECT_TRUE(close(s.name + " " + actual[i].first, actual[i].second, r[i], kSummaryRtol));
}

// The hand-made panel of tests/fixtures/describe/xtsum.R plus a row without an id (left out):
// entity 1 in periods 1, 2, 4 (a gap), entity 2 in 1, 2 (x missing in 2), entity 3 in 1..4.
Frame hand_made_panel() {
    Frame f;
    const double nan = std::nan("");
    f.add(Column::numeric("id", {1, 1, 1, 2, 2, 3, 3, 3, 3, nan}));
    f.add(Column::integer("t", {1, 2, 4, 1, 2, 1, 2, 3, 4, 1}));
    f.add(Column::numeric("x", {1.5, 2.5, 4, 10, nan, 3, 5, 7, 9.5, 100}));
    f.add(Column::categorical("region", {0, 0, 0, 1, 1, 1, 1, 1, 1, 1}, {"north", "south"}));
    return f;
}

TEST(Describe, PanelStructureOfAHandMadePanel) {
    const auto frame = hand_made_panel();
    const auto d = describe(frame, PanelIndex(frame, "id", "t"));
    EXPECT_EQ(d.n_rows, 10u);
    EXPECT_EQ(d.n_observations, 9u);
    EXPECT_EQ(d.n_entities, 3u);
    EXPECT_EQ(d.n_periods, 4u);
    EXPECT_EQ(d.first_period, "1");
    EXPECT_EQ(d.last_period, "4");
    EXPECT_FALSE(d.balanced);
    EXPECT_EQ(d.n_gaps, 1u);
    EXPECT_EQ(d.periods_per_entity.min, 2u);
    EXPECT_EQ(d.periods_per_entity.max, 4u);
    EXPECT_DOUBLE_EQ(d.periods_per_entity.mean, 3.0);
    ASSERT_EQ(d.variables.size(), 2u);  // t and x; not the entity, not the text column
    EXPECT_EQ(d.variables[0].name, "t");
    EXPECT_EQ(d.text_columns, std::vector<std::string>{"region"});
}

TEST(Describe, XtsumOfAHandMadePanelMatchesR) {
    const auto frame = hand_made_panel();
    const auto d = describe(frame, PanelIndex(frame, "id", "t"));
    // Rscript tests/fixtures/describe/xtsum.R: print(xtsum(d$x, d$id), digits = 17)
    expect_summary(d.variables[1],
                   {5.3125, 3.2064388345951649, 1.5, 10, 8, 3.6686389897395242, 2.6666666666666665,
                    10, 3, 1.9403301142797718, 2.1875, 8.6875, 2.6666666666666665});
}

TEST(Describe, XtsumOfGrunfeldMatchesR) {
    const auto frame = read_table(gvcpanel::testing::reference_data("grunfeld.csv"));
    const auto d = describe(frame, PanelIndex(frame, "firm", "year"));
    EXPECT_TRUE(d.balanced);
    EXPECT_EQ(d.n_entities, 10u);
    EXPECT_EQ(d.n_periods, 20u);
    ASSERT_EQ(d.variables.size(), 4u);  // year, inv, value, capital
    // Rscript tests/fixtures/describe/xtsum.R: print(xtsum(g[[v]], g$firm), digits = 17)
    expect_summary(d.variables[1],
                   {145.95824999999999250, 216.87529623037420379, 0.93, 1486.7, 200,
                    198.82420563782943645, 3.0845, 608.02, 10, 106.19864468220244191,
                    -204.36175000000000068, 1024.63824999999997090, 20});
    expect_summary(d.variables[2], {1081.681100000000015, 1314.469694986911691, 58.12, 6241.7, 200,
                                    1334.916706326607482, 70.921, 4333.845, 10, 340.542096065764383,
                                    -459.963900000000422, 2989.536099999999351, 20});
    expect_summary(d.variables[3],
                   {276.01715000000001510, 301.10390712477732222, 0.8, 2226.3, 200,
                    200.97012642320333953, 5.9415, 648.435, 10, 232.66028144288060275,
                    -369.61785000000008949, 1853.88215000000036525, 20});
    // year varies only within firms: between sd 0, within sd = overall sd.
    expect_summary(d.variables[0], {1944.5, 5.7807512857011663, 1935, 1954, 200, 0, 1944.5, 1944.5,
                                    10, 5.7807512857011663, 1935, 1954, 20});
}

TEST(Summarize, UndefinedStatisticsAreMissing) {
    Frame f;
    f.add(Column::integer("id", {1, 2}));
    const PanelIndex p(f, "id");
    const auto one_each = summarize(p, {4.0, 6.0}, "x");
    EXPECT_TRUE(std::isnan(one_each.within_sd) == false);
    EXPECT_EQ(one_each.within_sd, 0.0);
    const auto single = summarize(p, {4.0, std::nan("")}, "x");
    EXPECT_EQ(single.n, 1u);
    EXPECT_TRUE(std::isnan(single.sd));
    EXPECT_TRUE(std::isnan(single.between_sd));
    const auto empty = summarize(p, {std::nan(""), std::nan("")}, "x");
    EXPECT_EQ(empty.n, 0u);
    EXPECT_TRUE(std::isnan(empty.mean));
}

TEST(Render, AnEmptyPanelShowsMissingStatistics) {
    Frame f;
    f.add(Column::integer("id", {kMissingInteger}));
    f.add(Column::numeric("x", {1.0}));
    const auto text = render(describe(f, PanelIndex(f, "id")));
    EXPECT_NE(text.find("entities            0"), std::string::npos) << text;
    EXPECT_NE(text.find("x        overall |          .           .           .           ."),
              std::string::npos)
        << text;
}

TEST(Render, ShowsTheStructureAndOneXtsumBlockPerVariable) {
    const auto frame = hand_made_panel();
    const auto text = render(describe(frame, PanelIndex(frame, "id", "t")));
    for (const char* expected :
         {"entity id, time t", "periods             4 (1 to 4)", "observations        9",
          "rows left out       1 (missing id or t)", "balanced            no",
          "gaps                1", "min 2, mean 3, max 4",
          "x        overall |     5.3125    3.206439", "n     = 3", "T-bar = 2.666667",
          "text columns (not summarised): region", "distribution of T_i",
          "         1    33.33   33.33 | 11..", "         1    33.33   66.67 | 11.1",
          "         3   100.00         | XXXX"})
        EXPECT_NE(text.find(expected), std::string::npos) << "no '" << expected << "' in\n" << text;
}

}  // namespace
}  // namespace gvcpanel::data
