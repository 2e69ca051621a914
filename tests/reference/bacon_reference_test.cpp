// `gvcpanel bacon` against R bacondecomp 0.1.1: every 2x2 comparison's estimate and weight and the
// two-way fixed-effects coefficient (lm with unit and year dummies) on bacondecomp's castle data
// (../shared) and on our own staggered_small.csv (with and without always-treated units); the
// weighted sum of the comparisons equals the coefficient. Values and calls:
// tests/fixtures/did/bacon_castle.json and bacon_small.json, written by bacon_reference.R.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>

#include "data/read.hpp"
#include "models/levels.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel {
namespace {

using json = nlohmann::json;

// Group means and weights are sums of a few hundred terms; lm's QR and our means agree to ~1e-13.
constexpr double kBaconRtol = 1e-9;
constexpr double kBaconFloor = 1e-6;
// The issue: the weighted sum of the 2x2 estimates equals the TWFE coefficient to 1e-10.
constexpr double kDecompositionRtol = 1e-10;

std::string our_name(const json& ref, std::size_t j) {
    const std::string type = ref["type"][j], k = models::level_name(ref["treated"][j].get<double>()),
                      l = models::level_name(ref["untreated"][j].get<double>());
    if (type == "Treated vs Untreated") return "treated_vs_never:" + k;
    if (type == "Later vs Always Treated") return "treated_vs_always:" + k;
    if (type == "Earlier vs Later Treated") return "earlier_vs_later:" + k + ":" + l;
    return "later_vs_earlier:" + k + ":" + l;
}

json bacon(const std::string& dir, const std::string& data, const std::string& options) {
    const std::string out = dir + "/bacon.json";
    const std::string command = testing::program() + " bacon --data " + data + " " + options + " --format json --out " + out;
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return testing::read_json(out);
}

void check(const json& result, const json& ref, const std::string& where) {
    std::map<std::string, std::pair<double, double>> rows;
    double sum = 0;
    for (const auto& row : result["coef"]) {
        rows[row["name"]] = {row["estimate"].get<double>(), row["weight"].get<double>()};
        sum += row["estimate"].get<double>() * row["weight"].get<double>();
    }
    ASSERT_EQ(rows.size(), ref["estimate"].size()) << where;
    for (std::size_t j = 0; j < ref["estimate"].size(); ++j) {
        const std::string name = our_name(ref, j);
        ASSERT_TRUE(rows.count(name)) << where << ": no row " << name;
        EXPECT_TRUE(testing::close(where + " " + name, rows[name].first, ref["estimate"][j].get<double>(), kBaconRtol,
                                   kBaconFloor));
        EXPECT_CLOSE(where + " " + name + " weight", rows[name].second, ref["weight"][j].get<double>(), kBaconRtol);
    }
    const double twfe = result["stats"]["twfe"].get<double>();
    EXPECT_CLOSE(where + " twfe", twfe, ref["twfe"].get<double>(), kBaconRtol);
    EXPECT_CLOSE(where + " weighted sum = twfe", sum, twfe, kDecompositionRtol);
}

// staggered_small.csv with treat = cohort > 0 and year >= cohort (cohort `always`, when given, treated from the
// start; never-treated units have cohort 0, so "none" cannot be 0).
std::string small_with_treatment(const std::string& dir, std::optional<double> always = std::nullopt) {
    const data::Frame frame = data::read_csv(testing::fixture("did/staggered_small.csv"));
    const std::string path = dir + "/small.csv";
    std::ofstream out(path);
    out << "id,year,y,treat\n";
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        const double g = frame.column("cohort").number(row), t = frame.column("year").number(row);
        const bool treat = (always && g == *always) || (g > 0 && t >= g);
        out << frame.column("id").text(row) << "," << frame.column("year").text(row) << ","
            << frame.column("y").text(row) << "," << treat << "\n";
    }
    return path;
}

TEST(BaconReference, OwnStaggeredPanel) {
    const json ref = testing::read_json(testing::fixture("did/bacon_small.json"));
    const std::string dir = testing::temp_dir();
    check(bacon(dir, small_with_treatment(dir), "--panel id,year --model \"y ~ treat\""), ref["small"], "small");
    check(bacon(dir, small_with_treatment(dir, 2003), "--panel id,year --model \"y ~ treat\""), ref["always"],
          "always treated");
}

TEST(BaconReference, CastleDoctrine) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const json ref = testing::read_json(testing::fixture("did/bacon_castle.json"));
    check(bacon(testing::temp_dir(), testing::shared_data("wave2/castle.csv"),
                "--panel state,year --model \"l_homicide ~ post\""),
          ref["castle"], "castle");
}

}  // namespace
}  // namespace gvcpanel
