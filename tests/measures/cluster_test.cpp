// Cluster indices against their formulas computed in base R (tests/fixtures/measures/
// cluster_reference.R) on a plant table of our own (cluster_plants.csv, two years, firms with
// several rows in one region-industry); a hand-sized case; refusals.
#include <gtest/gtest.h>

#include <fstream>

#include "data/error.hpp"
#include "data/read.hpp"
#include "measures/cluster_indices.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::measures {
namespace {

using gvcpanel::testing::fixture;

// Sums and ratios of a few hundred numbers: both sides agree to rounding (~1e-15); 1e-12 leaves
// room for a different order of the sums. The EG index is a small difference of O(1) terms, so it
// is compared absolutely at the same scale.
constexpr double kRtol = 1e-12;

std::vector<ClusterTable> plant_tables(const std::string& firm) {
    data::ReadOptions o;
    o.text_columns = {"region", "industry", "firm"};
    return cluster_tables(data::read_csv(fixture("measures/cluster_plants.csv"), o), {"region", "industry", "year", "employment", firm});
}

TEST(ClusterReference, IndicesMatchTheirFormulasInR) {
    const auto ref = testing::read_json(fixture("measures/cluster_reference.json"));
    const auto tables = plant_tables("firm");
    ASSERT_EQ(tables.size(), 2u);
    for (const auto& t : tables) {
        const auto& r = ref[t.year];
        ASSERT_EQ(t.regions, r["regions"].get<std::vector<std::string>>());
        ASSERT_EQ(t.industries, r["industries"].get<std::vector<std::string>>());
        const ClusterIndices x = cluster_indices(t);
        for (std::size_t i = 0; i < t.regions.size(); ++i) {
            EXPECT_CLOSE("hhi " + t.regions[i], x.hhi(i), r["hhi"][i].get<double>(), kRtol);
            EXPECT_CLOSE("krugman " + t.regions[i], x.krugman(i), r["krugman"][i].get<double>(), kRtol);
            for (std::size_t k = 0; k < t.industries.size(); ++k)
                EXPECT_CLOSE("lq " + t.regions[i] + " " + t.industries[k], x.lq(i, k), r["lq"][i][k].get<double>(), kRtol);
        }
        for (std::size_t k = 0; k < t.industries.size(); ++k) {
            EXPECT_CLOSE("H " + t.industries[k], t.plant_herfindahl(k), r["plant_herfindahl"][k].get<double>(), kRtol);
            EXPECT_TRUE(testing::close("eg " + t.industries[k], x.eg(k), r["eg"][k].get<double>(), kRtol, 1.0));
            EXPECT_CLOSE("gini " + t.industries[k], x.gini(k), r["gini"][k].get<double>(), kRtol);
        }
    }
}

TEST(ClusterIndices, HandSizedCase) {
    // Two regions, two industries: a in r1 only (two plants of 10 and 30), b split 20/20.
    ClusterTable t;
    t.regions = {"r1", "r2"};
    t.industries = {"a", "b"};
    t.size = {{40, 20}, {0, 20}};
    t.plant_herfindahl = {0.25 * 0.25 + 0.75 * 0.75, 0.5};
    const ClusterIndices x = cluster_indices(t);
    EXPECT_DOUBLE_EQ(x.lq(0, 0), (40.0 / 60) / (40.0 / 80));
    EXPECT_DOUBLE_EQ(x.lq(1, 0), 0.0);
    EXPECT_DOUBLE_EQ(x.hhi(1), 1.0);                                         // r2 makes b only
    EXPECT_DOUBLE_EQ(x.krugman(1), 0.5 + 0.5);                               // |0 - 0.5| + |1 - 0.5|
    EXPECT_DOUBLE_EQ(x.gini(0), 1 - (0.25 * 0 + 0.75 * (1 + 0)));            // r2 first (share 0), then r1
    const double sum_x2 = 0.75 * 0.75 + 0.25 * 0.25, G = 0.25 * 0.25 + 0.25 * 0.25, H = 0.625;
    EXPECT_DOUBLE_EQ(x.eg(0), (G - (1 - sum_x2) * H) / ((1 - sum_x2) * (1 - H)));
}

TEST(ClusterIndices, WithoutFirmsEachRowIsAPlant) {
    // The fixture has firms with two rows in one region-industry: treating rows as plants raises
    // no H; it lowers it (more, smaller plants) unless no firm repeats in that industry.
    const auto by_firm = plant_tables("firm"), by_row = plant_tables("");
    for (std::size_t y = 0; y < 2; ++y)
        for (std::size_t k = 0; k < by_row[y].industries.size(); ++k)
            EXPECT_LE(by_row[y].plant_herfindahl(k), by_firm[y].plant_herfindahl(k) + 1e-15);
    EXPECT_LT(arma::accu(by_row[0].plant_herfindahl + by_row[1].plant_herfindahl),
              arma::accu(by_firm[0].plant_herfindahl + by_firm[1].plant_herfindahl));
}

TEST(ClusterIndices, BadInputIsNamed) {
    const std::string path = testing::temp_dir() + "/p.csv";
    std::ofstream(path) << "r,i,e\na,x,1\nb,x,\n";
    try {
        cluster_tables(data::read_csv(path), {"r", "i", "", "e", ""});
        ADD_FAILURE() << "a missing size was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(":3: e is missing"), std::string::npos) << e.what();
    }
    EXPECT_THROW(cluster_measures({}, {"lqq"}), Error);
}

}  // namespace
}  // namespace gvcpanel::measures
