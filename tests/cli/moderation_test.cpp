// `fit --margins-over` on Grunfeld (inv ~ value + capital + value:capital): the effect of value over
// capital, its SE and p-value and the Johnson-Neyman bounds against R
// (tests/fixtures/mechanisms/moderation_grunfeld.R: vcov(lm) and vcovCL HC1, t(df)); the result's
// JSON round trip and the moderator's percentiles; `plot margins` writes an SVG with the band.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/moderator_percentiles.hpp"
#include "cli/run_model.hpp"
#include "data/read.hpp"
#include "reports/plot_margins.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// Least squares and the same linear combination on both sides (~1e-12); p-values through the t
// distribution's tail (~1e-10 relative in Boost and R); bounds are roots of a quadratic whose
// coefficients carry the covariance's rounding: 1e-8 relative for all.
constexpr double kRtol = 1e-8;

TEST(Moderation, GrunfeldMatchesR) {
    const auto reference = testing::read_json(fixture("mechanisms/moderation_grunfeld.json"));
    const data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    for (const auto& expected : reference["cases"]) {
        const std::string name = expected["name"];
        ModelRequest request;
        request.model = "inv ~ value + capital + value:capital";
        request.vcov = name == "iid" ? "iid" : "cluster:firm";
        request.margins_over = "capital = 0(250)2000";
        const auto result = run_model(request, frame);
        ASSERT_EQ(result.margins.size(), expected["grid"].size());
        for (std::size_t i = 0; i < result.margins.size(); ++i) {
            const auto& row = result.margins[i];
            EXPECT_EQ(row.at.front().second, expected["grid"][i].get<double>());
            EXPECT_CLOSE(name + " effect", row.effect, expected["effect"][i].get<double>(), kRtol);
            EXPECT_CLOSE(name + " se", row.se, expected["se"][i].get<double>(), kRtol);
            EXPECT_CLOSE(name + " p", row.p, expected["p"][i].get<double>(), kRtol);
        }
        const auto& jn = result.stats["johnson_neyman"][0];
        EXPECT_CLOSE(name + " critical", jn["critical"].get<double>(), expected["critical"].get<double>(), kRtol);
        ASSERT_EQ(jn["bounds"].size(), expected["bounds"].size());
        for (std::size_t b = 0; b < jn["bounds"].size(); ++b)
            EXPECT_CLOSE(name + " bound", jn["bounds"][b].get<double>(), expected["bounds"][b].get<double>(), kRtol);
        EXPECT_EQ(jn["significant"], "outside");
    }
}

TEST(Moderation, PercentilesJsonAndPlot) {
    const data::Frame frame = data::read_csv(reference_data("grunfeld.csv"));
    ModelRequest request;
    request.model = "inv ~ value + capital + value:capital";
    request.margins_over = "capital = 0(100)2000";
    std::vector<estimators::Result> results = {run_model(request, frame)};
    add_moderator_percentiles(results, frame, request.margins_over);
    const auto& percentiles = results[0].stats["moderator_percentiles"];
    ASSERT_EQ(percentiles.size(), 101u);
    EXPECT_DOUBLE_EQ(percentiles[0].get<double>(), 0.8);     // min(capital)
    EXPECT_DOUBLE_EQ(percentiles[100].get<double>(), 2226.3);  // max(capital)
    const auto back = estimators::result_from_json(estimators::to_json(results[0]));
    ASSERT_EQ(back.margins.size(), 21u);
    EXPECT_EQ(back.margins[3].at.front().second, 300.0);
    const std::string path = testing::temp_dir() + "/margins_plot.svg";
    reports::plot_margins(back, path, {});
    std::ifstream in(path);
    std::stringstream svg;
    svg << in.rdbuf();
    EXPECT_NE(svg.str().find("<svg"), std::string::npos);
    EXPECT_GT(svg.str().size(), 5000u);  // axes, band, curves and the rug drawn
    // Over value, the effect is capital's (the term value:capital written either way round).
    request.margins_over = "value = 0, 1";
    EXPECT_EQ(run_model(request, frame).margins.front().name, "capital");
}

}  // namespace
}  // namespace gvcpanel::cli
