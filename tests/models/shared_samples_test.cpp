// Designs built with shared samples are the designs built without, value for value; two designs
// get the same sample key exactly when their rows, fixed effects, weights and panel agree.
#include "models/shared_samples.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "data/simulate.hpp"
#include "models/build_design.hpp"

namespace gvcpanel::models {
namespace {

// The simulated panel with gaps in `capital_intensity` (every 23rd row), so that a model using it
// has a smaller sample.
data::Frame panel_with_gaps() {
    data::SimulationOptions options;
    options.firms = 150;
    options.years = 6;
    options.seed = 5;
    auto frame = data::simulate(options).frame;
    auto& values = frame.column("capital_intensity").numbers;
    for (std::size_t row = 0; row < values.size(); row += 23) values[row] = std::nan("");
    return frame;
}

ModelSpec spec(const std::string& formula, const std::string& subset = "", const std::string& weights = "") {
    ModelSpec out = parse_model(formula);
    out.subset = subset;
    out.weights = weights;
    return out;
}

void expect_same_design(const Design& shared, const Design& alone) {
    EXPECT_TRUE(arma::approx_equal(shared.y, alone.y, "absdiff", 0.0));
    EXPECT_TRUE(arma::approx_equal(shared.X, alone.X, "absdiff", 0.0));
    EXPECT_TRUE(arma::approx_equal(shared.weights, alone.weights, "absdiff", 0.0));
    EXPECT_EQ(shared.names, alone.names);
    EXPECT_EQ(shared.sample.rows, alone.sample.rows);
    EXPECT_EQ(shared.sample.dropped.missing, alone.sample.dropped.missing);
    EXPECT_EQ(shared.sample.dropped.subset, alone.sample.dropped.subset);
    EXPECT_EQ(shared.sample.dropped.singletons, alone.sample.dropped.singletons);
    ASSERT_EQ(shared.sample.fixed_effects.size(), alone.sample.fixed_effects.size());
    for (std::size_t d = 0; d < alone.sample.fixed_effects.size(); ++d) {
        const auto& a = shared.sample.fixed_effects[d];
        const auto& b = alone.sample.fixed_effects[d];
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.codes, b.codes);
        EXPECT_EQ(a.levels, b.levels);
        EXPECT_EQ(a.level_names, b.level_names);
        EXPECT_TRUE(arma::approx_equal(a.slopes.values, b.slopes.values, "absdiff", 0.0));
    }
    ASSERT_EQ(shared.sample.clusters.size(), alone.sample.clusters.size());
    for (std::size_t c = 0; c < alone.sample.clusters.size(); ++c)
        EXPECT_EQ(shared.sample.clusters[c].codes, alone.sample.clusters[c].codes);
    EXPECT_TRUE(alone.sample.shared_key.empty());
    EXPECT_FALSE(shared.sample.shared_key.empty());
}

TEST(SharedSamples, DesignsEqualThoseBuiltAlone) {
    const auto frame = panel_with_gaps();
    const data::PanelIndex panel(frame, "firm", "year");
    SharedSamples shared(frame, std::size_t{1} << 28);
    std::vector<ModelSpec> specs = {
        spec("log_tfp ~ export_share | firm + year"),
        spec("log_tfp ~ export_share + capital_intensity | firm + year"),
        spec("log_tfp ~ export_share + i(governance) | firm + industry^year", "year >= 2003"),
        spec("log_tfp ~ export_share | firm[year] + year", "", "size"),
        spec("log_tfp ~ l(export_share, 1) + fdi_share | firm", "export_share > 0.2"),
        spec("log_tfp ~ export_share | firm + year", "year >= 2003"),
    };
    specs[0].clusters = {"region"};
    specs[3].panel_id = "firm";
    specs[3].panel_time = "year";
    specs[4].panel_id = "firm";
    specs[4].panel_time = "year";
    for (int round = 0; round < 2; ++round)  // the second round takes everything from the cache
        for (const auto& item : specs) {
            SCOPED_TRACE(item.formula.text + " subset " + item.subset + " round " + std::to_string(round));
            expect_same_design(build_design(item, frame, &panel, &shared), build_design(item, frame, &panel));
        }
}

TEST(SharedSamples, KeyFollowsTheRowsFixedEffectsAndWeights) {
    const auto frame = panel_with_gaps();
    SharedSamples shared(frame, std::size_t{1} << 28);
    const auto key = [&](const ModelSpec& item) { return build_design(item, frame, nullptr, &shared).sample.shared_key; };
    const auto base = key(spec("log_tfp ~ export_share | firm + year"));
    EXPECT_EQ(key(spec("log_unit_value ~ export_share + size | firm + year")), base);  // no gaps: the same rows
    EXPECT_NE(key(spec("log_tfp ~ export_share + capital_intensity | firm + year")), base);  // its gaps
    EXPECT_NE(key(spec("log_tfp ~ export_share | firm + year", "year >= 2003")), base);
    EXPECT_NE(key(spec("log_tfp ~ export_share | firm + industry^year")), base);
    EXPECT_NE(key(spec("log_tfp ~ export_share | firm + year", "", "size")), base);
    EXPECT_EQ(key(spec("log_tfp ~ export_share | firm + year", "year >= 2001")), base);  // every row again
    // scale() over the rows of two subsets that leave the same sample: columns of the same name with
    // other values (the statistics run over the subset's rows with a missing capital_intensity too).
    const auto all = spec("log_tfp ~ scale(size) + capital_intensity | firm + year");
    const auto subset = spec("log_tfp ~ scale(size) + capital_intensity | firm + year", "!is.na(capital_intensity)");
    const auto design_all = build_design(all, frame, nullptr, &shared);
    const auto design_subset = build_design(subset, frame, nullptr, &shared);
    EXPECT_EQ(design_all.sample.rows, design_subset.sample.rows);
    EXPECT_NE(design_all.X(0, 0), design_subset.X(0, 0));
    EXPECT_NE(design_all.sample.shared_key, design_subset.sample.shared_key);
    EXPECT_EQ(key(spec("log_tfp ~ scale(size) + capital_intensity | firm + year")), design_all.sample.shared_key);
}

TEST(SharedSamples, LevelsAreComputedOnce) {
    const auto frame = panel_with_gaps();
    SharedSamples shared(frame, std::size_t{1} << 28);
    int computed = 0;
    const auto compute = [&] {
        ++computed;
        return sorted_levels(frame.column("region"));
    };
    const auto first = shared.levels("region", compute);
    const auto second = shared.levels("region", compute);
    EXPECT_EQ(computed, 1);
    EXPECT_EQ(first.get(), second.get());
}

TEST(SharedSamples, AnotherFrameIsRefused) {
    const auto frame = panel_with_gaps();
    const auto other = panel_with_gaps();
    SharedSamples shared(frame, std::size_t{1} << 28);
    EXPECT_THROW(build_design(spec("log_tfp ~ export_share | firm"), other, nullptr, &shared), Error);
}

}  // namespace
}  // namespace gvcpanel::models
