#include "data/simulate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "data/error.hpp"

namespace gvcpanel::data {
namespace {

// Shares drawn at random are compared with their binomial sampling error: more than this many
// standard errors away happens with probability below 1e-6 when the generator is right.
constexpr double kSamplingSigmas = 5.0;

const Simulation& default_panel() {
    static const Simulation simulation = simulate();
    return simulation;
}

TEST(Simulate, HasTheDocumentedColumnsAndTypes) {
    const Frame& f = default_panel().frame;
    const std::vector<std::string> expected = {"firm",
                                               "year",
                                               "region",
                                               "industry",
                                               "cluster",
                                               "cluster_density",
                                               "local_sourcing",
                                               "local_buyer_ties",
                                               "export_share",
                                               "fdi_share",
                                               "gvc_participation",
                                               "tariff_shock",
                                               "governance",
                                               "size",
                                               "age",
                                               "capital_intensity",
                                               "log_tfp",
                                               "log_unit_value",
                                               "upgrade_event",
                                               "patents",
                                               "dva_share",
                                               "upgrading_index",
                                               "zone_year",
                                               "zone",
                                               "log_exports"};
    EXPECT_EQ(f.names(), expected);
    for (const char* name : {"firm", "year", "age", "local_buyer_ties", "upgrade_event", "patents", "zone_year", "zone"})
        EXPECT_EQ(f.column(name).type, ColumnType::integer) << name;
    for (const char* name : {"region", "industry", "cluster", "governance"})
        EXPECT_EQ(f.column(name).type, ColumnType::categorical) << name;
    EXPECT_EQ(
        f.column("governance").levels,
        (std::vector<std::string>{"market", "modular", "relational", "captive", "hierarchy"}));
    EXPECT_EQ(f.column("region").levels.front(), "R01");
    EXPECT_EQ(f.column("industry").levels.back(), "I12");
    EXPECT_EQ(f.column("cluster").levels.size(), 8u * 12u);
    EXPECT_EQ(f.column("cluster").levels[6], "R01-I07");
}

TEST(Simulate, FirmsAreNestedInClustersAndRowsSortedByFirmThenYear) {
    const Frame& f = default_panel().frame;
    const auto& firm = f.column("firm").integers;
    const auto& year = f.column("year").integers;
    const auto& region = f.column("region");
    const auto& industry = f.column("industry");
    const auto& cluster = f.column("cluster");
    std::set<std::int64_t> firms(firm.begin(), firm.end());
    EXPECT_EQ(firms.size(), 2000u);
    for (std::size_t i = 0; i < f.rows(); ++i) {
        ASSERT_EQ(cluster.text(i), region.text(i) + "-" + industry.text(i)) << "row " << i;
        ASSERT_GE(year[i], 2001);
        ASSERT_LE(year[i], 2016);
        if (i == 0 || firm[i] != firm[i - 1]) continue;
        ASSERT_EQ(year[i], year[i - 1] + 1) << "firm " << firm[i] << ": years run without gaps";
        ASSERT_EQ(cluster.codes[i], cluster.codes[i - 1]) << "firm " << firm[i] << " moved";
    }
}

TEST(Simulate, IsUnbalancedThroughEntryAndExit) {
    const Frame& f = default_panel().frame;
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> span;  // firm -> first, last
    for (std::size_t i = 0; i < f.rows(); ++i) {
        const auto firm = f.column("firm").integers[i];
        const auto year = f.column("year").integers[i];
        auto [it, fresh] = span.try_emplace(firm, year, year);
        if (!fresh) it->second.second = year;
    }
    int late_entry = 0, early_exit = 0, shortest = 16, longest = 0;
    for (const auto& [firm, years] : span) {
        late_entry += years.first > 2001;
        early_exit += years.second < 2016;
        const int t = static_cast<int>(years.second - years.first + 1);
        shortest = std::min(shortest, t);
        longest = std::max(longest, t);
    }
    EXPECT_GT(late_entry, 200);
    EXPECT_GT(early_exit, 200);
    EXPECT_EQ(longest, 16);
    EXPECT_EQ(shortest, 2);
    EXPECT_LT(f.rows(), 2000u * 16u);
}

TEST(Simulate, LeavesAboutHalfAPercentMissingInThreeRegressorsOnly) {
    const Frame& f = default_panel().frame;
    const double p = SimulationOptions{}.missing_share;
    const double n = static_cast<double>(f.rows());
    for (const auto& name : f.names()) {
        std::size_t missing = 0;
        for (std::size_t i = 0; i < f.rows(); ++i) missing += f.column(name).is_missing(i);
        if (name == "local_sourcing" || name == "fdi_share" || name == "capital_intensity") {
            EXPECT_NEAR(missing / n, p, kSamplingSigmas * std::sqrt(p * (1 - p) / n)) << name;
            EXPECT_GT(missing, 0u) << name;
        } else {
            EXPECT_EQ(missing, 0u) << name;
        }
    }
}

TEST(Simulate, OutcomesHaveTheirSupportAndDvaShareIsCensoredAtBothEnds) {
    const Frame& f = default_panel().frame;
    std::size_t at_zero = 0, at_one = 0, events = 0;
    for (std::size_t i = 0; i < f.rows(); ++i) {
        const double dva = f.column("dva_share").numbers[i];
        ASSERT_TRUE(dva >= 0.0 && dva <= 1.0) << dva;
        at_zero += dva == 0.0;
        at_one += dva == 1.0;
        const auto event = f.column("upgrade_event").integers[i];
        ASSERT_TRUE(event == 0 || event == 1);
        events += event;
        ASSERT_GE(f.column("patents").integers[i], 0);
        ASSERT_GE(f.column("local_buyer_ties").integers[i], 0);
        for (const char* share : {"export_share", "gvc_participation"}) {
            const double v = f.column(share).numbers[i];
            ASSERT_TRUE(v > 0.0 && v < 1.0) << share << " = " << v;
        }
    }
    const double n = static_cast<double>(f.rows());
    // Censoring is a real feature (a Tobit differs from OLS), not a handful of cells.
    EXPECT_GT(at_zero / n, 0.005);
    EXPECT_GT(at_one / n, 0.01);
    EXPECT_LT((at_zero + at_one) / n, 0.5);
    EXPECT_GT(events / n, 0.05);
    EXPECT_LT(events / n, 0.95);
}

TEST(Simulate, RegressorsMoveWithTheFirmEffect) {
    // Firms with high unobserved productivity export more: the firm means of export_share and
    // log_tfp are clearly correlated, which is what makes pooled and fixed-effects estimates
    // differ.
    const Frame& f = default_panel().frame;
    std::map<std::int64_t, std::array<double, 3>> sums;  // firm -> (rows, export_share, log_tfp)
    for (std::size_t i = 0; i < f.rows(); ++i) {
        auto& s = sums[f.column("firm").integers[i]];
        s[0] += 1;
        s[1] += f.column("export_share").numbers[i];
        s[2] += f.column("log_tfp").numbers[i];
    }
    std::vector<double> x, y;
    for (const auto& [firm, s] : sums) {
        x.push_back(s[1] / s[0]);
        y.push_back(s[2] / s[0]);
    }
    const double n = static_cast<double>(x.size());
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    EXPECT_GT(sxy / std::sqrt(sxx * syy), 0.3);
}

bool same_frame(const Frame& a, const Frame& b) {
    if (a.names() != b.names() || a.rows() != b.rows()) return false;
    for (std::size_t c = 0; c < a.cols(); ++c) {
        const Column& x = a.column(c);
        const Column& y = b.column(c);
        if (x.integers != y.integers || x.codes != y.codes || x.levels != y.levels) return false;
        for (std::size_t i = 0; i < x.numbers.size(); ++i)
            if (!(x.numbers[i] == y.numbers[i] ||
                  (std::isnan(x.numbers[i]) && std::isnan(y.numbers[i]))))
                return false;
    }
    return true;
}

TEST(Simulate, SameSeedGivesTheSamePanelAndAnotherSeedAnother) {
    SimulationOptions small;
    small.firms = 300;
    small.years = 6;
    const auto a = simulate(small);
    const auto b = simulate(small);
    EXPECT_TRUE(same_frame(a.frame, b.frame));
    EXPECT_EQ(a.truth.to_json(), b.truth.to_json());
    small.seed = 2;
    const auto c = simulate(small);
    EXPECT_FALSE(same_frame(a.frame, c.frame));
    EXPECT_NE(a.frame.column("log_tfp").numbers, c.frame.column("log_tfp").numbers);
}

TEST(Simulate, OptionsShapeThePanel) {
    SimulationOptions options;
    options.firms = 50;
    options.years = 4;
    options.first_year = 1990;
    options.regions = 2;
    options.industries = 3;
    options.missing_share = 0.0;
    const auto s = simulate(options);
    const auto& year = s.frame.column("year").integers;
    EXPECT_EQ(*std::min_element(year.begin(), year.end()), 1990);
    EXPECT_EQ(*std::max_element(year.begin(), year.end()), 1993);
    EXPECT_EQ(s.frame.column("cluster").levels,
              (std::vector<std::string>{"R01-I01", "R01-I02", "R01-I03", "R02-I01", "R02-I02",
                                        "R02-I03"}));
    EXPECT_EQ(s.frame.column("firm").integers.back(), 50);
    for (const auto& o : s.truth.outcomes) EXPECT_EQ(o.year_effects.size(), 4u) << o.outcome;
    for (std::size_t i = 0; i < s.frame.rows(); ++i)
        ASSERT_FALSE(s.frame.column("fdi_share").is_missing(i));
}

TEST(Simulate, RejectsImpossibleOptionsNamingTheField) {
    auto message = [](SimulationOptions options) {
        try {
            simulate(options);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    SimulationOptions o;
    o.years = 1;
    EXPECT_NE(message(o).find("years = 1"), std::string::npos) << message(o);
    o = {};
    o.firms = 0;
    EXPECT_NE(message(o).find("firms = 0"), std::string::npos) << message(o);
    o = {};
    o.regions = 100;
    EXPECT_NE(message(o).find("regions = 100"), std::string::npos) << message(o);
    o = {};
    o.missing_share = 1.0;
    EXPECT_NE(message(o).find("missing_share"), std::string::npos) << message(o);
}

TEST(SimulationTruth, NamesEveryCoefficientAsAFormulaWouldAndFindsThem) {
    const auto& truth = default_panel().truth;
    const Frame& f = default_panel().frame;
    ASSERT_EQ(truth.outcomes.size(), 6u);
    for (const auto& o : truth.outcomes) {
        EXPECT_TRUE(f.has(o.outcome)) << o.outcome;
        EXPECT_EQ(o.year_effects.size(), 16u);
        EXPECT_EQ(o.year_effects.front(), 0.0);
        EXPECT_EQ(o.formula.substr(0, o.outcome.size() + 3), o.outcome + " ~ ");
        for (const auto& c : o.coefficients) {
            std::string term = c.term;
            if (term == "(Intercept)" || term == "l(upgrading_index,1)") continue;
            if (term.rfind("governance::", 0) == 0) term = "governance";
            const auto colon = term.find(':');
            if (colon != std::string::npos) {
                EXPECT_TRUE(f.has(term.substr(0, colon))) << c.term;
                term = term.substr(colon + 1);
            }
            EXPECT_TRUE(f.has(term)) << c.term;
        }
    }
    EXPECT_EQ(truth.outcome("log_tfp").coefficient("gvc_participation:cluster_density"), 0.10);
    EXPECT_EQ(truth.outcome("upgrading_index").coefficient("l(upgrading_index,1)"), 0.5);
    EXPECT_GT(truth.outcome("log_tfp").shock_loading, 0.0);
    EXPECT_THROW(truth.outcome("tfp"), Error);
    EXPECT_THROW(truth.outcome("log_tfp").coefficient("gvc"), Error);
}

TEST(SimulationTruth, SerialisesEveryParameterToJson) {
    const auto& truth = default_panel().truth;
    const auto json = truth.to_json();
    EXPECT_EQ(json["options"]["firms"], 2000);
    EXPECT_EQ(json["options"]["seed"], 1);
    EXPECT_EQ(json["first_stage"]["tariff_shock"], truth.first_stage.tariff_shock_effect);
    ASSERT_EQ(json["outcomes"].size(), truth.outcomes.size());
    const auto& tfp = json["outcomes"][0];
    EXPECT_EQ(tfp["outcome"], "log_tfp");
    EXPECT_EQ(tfp["coefficients"]["export_share"],
              truth.outcome("log_tfp").coefficient("export_share"));
    EXPECT_EQ(tfp["year_effects"]["year::2016"], truth.outcome("log_tfp").year_effects.back());
    EXPECT_EQ(tfp["recovered_by"]["estimator"], "2sls");
    EXPECT_EQ(json["outcomes"][4]["recovered_by"]["options"], "--left 0 --right 1 --vcov cluster:firm");
    EXPECT_EQ(tfp["recovered_by"]["parameters"]["gvc_participation"], 0.40);
    EXPECT_FALSE(tfp["recovered_by"]["parameters"].contains("age"));  // absorbed by firm + year
    EXPECT_EQ(json["outcomes"][4]["recovered_by"]["parameters"]["year::2016"], truth.outcome("dva_share").year_effects.back());
    EXPECT_EQ(json["outcomes"][4]["error_sd"], truth.outcome("dva_share").error_sd);
}

}  // namespace
}  // namespace gvcpanel::data
