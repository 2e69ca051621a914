#include "reports/table.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"
#include "sample_results.hpp"

namespace gvcpanel::reports {

namespace {
const Row* find_row(const Layout& layout, const std::string& label) {
    for (const auto& panel : layout.panels)
        for (const auto& block : panel.blocks)
            for (const auto& row : block)
                if (row.label == label) return &row;
    return nullptr;
}
}  // namespace

TEST(Table, OnePanelWithHeaderCoefficientsFixedEffectsAndStatistics) {
    const Table table(testing::results_fixture("models.json"));
    const auto& layout = table.layout();
    EXPECT_EQ(layout.columns, 3u);
    ASSERT_EQ(layout.header.size(), 2u);  // numbers, dependent variable
    EXPECT_EQ(layout.header[0].cells[2].text, "(3)");
    EXPECT_EQ(layout.header[1].label, "Dependent variable");
    EXPECT_EQ(layout.header[1].cells[0].text, "tfp");
    ASSERT_EQ(layout.panels.size(), 1u);
    ASSERT_EQ(layout.panels[0].blocks.size(), 3u);
    EXPECT_EQ(layout.panels[0].blocks[0].size(), 8u);  // 4 terms, 2 rows each

    const Row* firm = find_row(layout, "Firm FE");
    ASSERT_NE(firm, nullptr);
    EXPECT_EQ(firm->cells[0].text, "No");
    EXPECT_EQ(firm->cells[1].text, "Yes");
    const Row* year = find_row(layout, "Year FE");
    ASSERT_NE(year, nullptr);
    EXPECT_EQ(year->cells[1].text, "No");
    EXPECT_EQ(year->cells[2].text, "Yes");

    const Row* clusters = find_row(layout, "Clusters (firm)");
    ASSERT_NE(clusters, nullptr);
    EXPECT_EQ(clusters->cells[0].text, "");
    EXPECT_EQ(clusters->cells[2].text, "118");
    EXPECT_NE(find_row(layout, "Within R-squared"), nullptr);

    ASSERT_EQ(layout.notes.size(), 2u);
    EXPECT_EQ(layout.notes[0],
              "Standard errors in parentheses: (1) heteroskedasticity-robust (HC1); (2)-(3) clustered by firm.");
    EXPECT_EQ(layout.notes[1], "* p<0.10, ** p<0.05, *** p<0.01");
}

TEST(Table, LabelsTitlesKeepAndStatsByName) {
    TableOptions options = testing::golden_options();
    options.terms.keep = {"export_.*", "gvc_participation"};
    options.terms.order = {"gvc_participation"};
    options.stats = {"nobs", "r2_adj"};
    options.stars = parse_stars("none");
    const Table table(testing::results_fixture("models.json"), options);
    const auto& layout = table.layout();
    EXPECT_EQ(layout.header[1].cells[1].text, "Firm FE");  // a title
    EXPECT_EQ(layout.header[2].cells[0].text, "TFP");     // the labelled outcome
    const auto& coefficients = layout.panels[0].blocks[0];
    ASSERT_EQ(coefficients.size(), 4u);
    EXPECT_EQ(coefficients[0].label, "GVC participation");
    EXPECT_EQ(coefficients[2].label, "Export share");
    EXPECT_EQ(coefficients[2].cells[0].stars, "");
    const auto& stats = layout.panels[0].blocks[2];
    ASSERT_EQ(stats.size(), 2u);
    EXPECT_EQ(stats[1].label, "Adjusted R-squared");
    EXPECT_EQ(stats[1].cells[0].text, "0.311");
    EXPECT_EQ(stats[1].cells[1].text, "");
    EXPECT_EQ(layout.notes.size(), 1u);  // no star legend without stars
}

TEST(Table, PanelsWithDifferentOutcomesSayItInEachPanel) {
    const Table table(testing::two_panels(), testing::golden_options());
    const auto& layout = table.layout();
    ASSERT_EQ(layout.panels.size(), 2u);
    EXPECT_EQ(layout.panels[1].title, "Panel B: Exporters");
    for (const auto& row : layout.header) EXPECT_NE(row.kind, RowKind::outcome);
    EXPECT_EQ(layout.panels[1].blocks[0][0].kind, RowKind::outcome);
    EXPECT_EQ(layout.panels[1].blocks[0][0].cells[0].text, "Labour prod.");
}

TEST(Table, TestsAsStatisticRows) {
    auto results = testing::results_fixture("models.json");
    results.push_back(testing::results_fixture("gmm.json")[0]);
    TableOptions options;
    options.stats = {"nobs", "test:hansen:p", "test:ar2:p"};
    const Table table(results, options);
    const Row* hansen = find_row(table.layout(), "Hansen J p-value");
    ASSERT_NE(hansen, nullptr);
    EXPECT_EQ(hansen->cells[3].text, "0.683");
    EXPECT_EQ(hansen->cells[0].text, "");
    EXPECT_EQ(table.layout().notes[0],
              "Standard errors in parentheses: (1) heteroskedasticity-robust (HC1); (2)-(3) clustered by firm; "
              "(4) heteroskedasticity-robust (HC1).");
}

TEST(Table, NonConvergenceIsNoted) {
    auto results = testing::results_fixture("models.json");
    results[1].converged = false;
    results[1].convergence_message = "the iteration limit was reached";
    const Table table(results);
    EXPECT_EQ(table.layout().notes.back(), "model (2) did not converge: the iteration limit was reached");
}

TEST(Table, EstimatorRowWhenTheColumnsDiffer) {
    auto results = testing::results_fixture("models.json");
    const auto header_labels = [](const Layout& layout) {
        std::vector<std::string> labels;
        for (const auto& row : layout.header) labels.push_back(row.label);
        return labels;
    };
    EXPECT_EQ(header_labels(Table(results).layout()), (std::vector<std::string>{"", "Dependent variable"}));
    TableOptions always;
    always.estimator = Show::always;
    const Layout forced = Table(results, always).layout();
    ASSERT_EQ(forced.header.size(), 3u);
    EXPECT_EQ(forced.header[2].kind, RowKind::estimator);
    EXPECT_EQ(forced.header[2].cells[0].text, "OLS");
    // An IV fit with its first stage and reduced form: the estimator row names each.
    results[0].estimator = "2sls";
    results[1].stage = "first_stage";
    results[2].stage = "reduced_form";
    const Layout staged = Table(results).layout();
    ASSERT_EQ(staged.header.size(), 3u);
    EXPECT_EQ(staged.header[2].label, "Estimator");
    EXPECT_EQ(staged.header[2].cells[0].text, "2SLS");
    EXPECT_EQ(staged.header[2].cells[1].text, "First stage");
    EXPECT_EQ(staged.header[2].cells[2].text, "Reduced form");
    TableOptions never;
    never.estimator = Show::never;
    EXPECT_EQ(Table(results, never).layout().header.size(), 2u);
}

TEST(Table, OutcomeMeansAndFixedEffectLevels) {
    auto results = testing::results_fixture("models.json");
    results[0].stats["y_mean"] = 1.23456;
    results[2].stats["y_mean"] = -0.5;
    const Layout layout = Table(results).layout();
    const Row* mean = find_row(layout, "Mean of dependent variable");
    ASSERT_NE(mean, nullptr);
    EXPECT_EQ(mean->cells[0].text, "1.235");
    EXPECT_EQ(mean->cells[1].text, "");
    EXPECT_EQ(mean->cells[2].text, "-0.500");
    // One row per dimension with its number of levels, from the results' fixed_effects.
    const Row* firms = find_row(layout, "FE levels (firm)");
    ASSERT_NE(firms, nullptr);
    EXPECT_EQ(firms->cells[0].text, "");
    EXPECT_EQ(firms->cells[1].text, std::to_string(results[1].fixed_effects[0].levels));
    const Row* years = find_row(layout, "FE levels (year)");
    ASSERT_NE(years, nullptr);
    EXPECT_EQ(years->cells[1].text, "");
    EXPECT_EQ(years->cells[2].text, "10");
}

TEST(Table, PartialEffectsAsRowsBelowTheCoefficients) {
    auto results = testing::results_fixture("models.json");
    estimators::MarginRow effect;
    effect.name = "export_share";
    effect.effect = 0.1234;
    effect.se = 0.0456;
    effect.z = effect.effect / effect.se;
    effect.p = 0.0068;
    results[1].margins = {effect};
    TableOptions options;
    options.below = Below::ci;
    const Layout layout = Table(results, options).layout();
    ASSERT_EQ(layout.panels[0].blocks.size(), 4u);  // coefficients, partial effects, fixed effects, statistics
    const Block& margins = layout.panels[0].blocks[1];
    ASSERT_EQ(margins.size(), 2u);
    EXPECT_EQ(margins[0].label, "export_share (dy/dx)");
    EXPECT_EQ(margins[0].cells[0].text, "");
    EXPECT_EQ(margins[0].cells[1].text, "0.123");
    EXPECT_EQ(margins[0].cells[1].stars, "***");
    // The normal 95% interval: 0.1234 -+ 1.959964 * 0.0456.
    EXPECT_EQ(margins[1].cells[1].text, "[0.034, 0.213]");
    EXPECT_EQ(layout.notes.back(), "(dy/dx): partial effects on the response mean, delta-method standard errors.");
    options.margins = false;
    EXPECT_EQ(Table(results, options).layout().panels[0].blocks.size(), 3u);
}

TEST(Table, MistakesAreErrors) {
    EXPECT_THROW(Table(std::vector<estimators::Result>{}), Error);
    TableOptions options;
    options.titles = {"only one"};
    EXPECT_THROW(Table(testing::results_fixture("models.json"), options), Error);
    options = {};
    options.terms.drop = {"no_such_term"};
    EXPECT_THROW(Table(testing::results_fixture("models.json"), options), Error);
}

}  // namespace gvcpanel::reports
