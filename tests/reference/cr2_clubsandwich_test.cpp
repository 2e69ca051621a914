// CR2 and CR3 covariances, their Satterthwaite (Bell-McCaffrey) degrees of freedom and p-values, and
// the HTZ Wald tests, against clubSandwich 0.5.8 (tests/fixtures/cr2/clubsandwich.R records each
// call): Produc with state effects clustered by the 9 regions and by the 48 states, Produc pooled by
// region, Grunfeld pooled, with firm effects and with firm and year effects, clustered by firm.
#include <gtest/gtest.h>

#include <cmath>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/inference/distributions.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/test_results.hpp"

namespace gvcpanel::testing {
namespace {

// The tolerances: standard errors 1e-8 (clubSandwich prints 17 digits; the adjustment
// matrices are symmetric roots of n_j x n_j blocks, exact to ~1e-13), degrees of freedom and
// p-values 1e-6.
constexpr double kClubSandwichSeRtol = 1e-8;
constexpr double kDfRtol = 1e-6;

struct Case {
    const char* name;
    const char* data;
    const char* model;
    const char* cluster;
    const char* joint;  // the HTZ restriction, as clubSandwich's constrain_zero
};

const Case kCases[] = {
    {"produc_within_region", "produc.csv", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp | state", "region",
     "log(pc) = 0, log(emp) = 0"},
    {"produc_within_state", "produc.csv", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp | state", "state",
     "log(pc) = 0, log(emp) = 0"},
    {"produc_pooled_region", "produc.csv", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp", "region",
     "log(pcap) = 0, log(pc) = 0, log(emp) = 0, unemp = 0"},
    {"grunfeld_pooled_firm", "grunfeld.csv", "inv ~ value + capital", "firm", "value = 0, capital = 0"},
    {"grunfeld_within_firm", "grunfeld.csv", "inv ~ value + capital | firm", "firm", "value = 0, capital = 0"},
    {"grunfeld_twoways_firm", "grunfeld.csv", "inv ~ value + capital | firm + year", "firm", "value = 0, capital = 0"},
};

class ClubSandwich : public ::testing::TestWithParam<Case> {};

TEST_P(ClubSandwich, Cr2AndCr3SatterthwaiteAndHtz) {
    const Case& c = GetParam();
    const auto expected = read_json(fixture("cr2/clubsandwich.json")).at(c.name);
    const auto frame = data::read_table(reference_data(c.data));
    for (const char* type : {"CR2", "CR3"}) {
        SCOPED_TRACE(std::string(c.name) + " " + type);
        cli::ModelRequest request;
        request.model = c.model;
        request.vcov = std::string(type == std::string("CR2") ? "cr2:" : "cr3:") + c.cluster;
        request.ssc = "t_df=bm";
        request.tests = {c.joint};
        const auto result = cli::run_model(request, frame);
        const auto& reference = expected.at(type);
        const auto names = expected.at("names");
        ASSERT_EQ(result.coef.size(), names.size());
        for (std::size_t j = 0; j < names.size(); ++j) {
            const auto name = names[j].get<std::string>();
            const auto& row = result.coefficient(name);
            EXPECT_CLOSE(name + " coef", row.estimate, expected.at("coef")[j].get<double>(), kCoefRtol);
            EXPECT_CLOSE(name + " se", row.se, reference.at("se")[j].get<double>(), kClubSandwichSeRtol);
            EXPECT_CLOSE(name + " df", result.stats.at("satterthwaite_df").at(name).get<double>(),
                         reference.at("df")[j].get<double>(), kDfRtol);
            EXPECT_CLOSE(name + " p", row.p, reference.at("p")[j].get<double>(), kDfRtol);
            for (std::size_t h = 0; h < names.size(); ++h)
                EXPECT_CLOSE(name + " vcov", result.vcov_matrix(j, h), reference.at("vcov")[j][h].get<double>(),
                             kClubSandwichSeRtol * 10);
        }
        const auto& htz = reference.at("htz");
        const auto& wald = test_named(result.tests, "wald");
        EXPECT_CLOSE("HTZ F", wald.stat, htz.at("F").get<double>(), kDfRtol);
        ASSERT_EQ(wald.df.size(), 2u);
        EXPECT_EQ(wald.df[0], htz.at("df_num").get<double>());
        EXPECT_CLOSE("HTZ denominator df", wald.df[1], htz.at("df_denom").get<double>(), kDfRtol);
        EXPECT_CLOSE("HTZ p", wald.p, htz.at("p").get<double>(), kDfRtol);
    }
}

INSTANTIATE_TEST_SUITE_P(Reference, ClubSandwich, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ClubSandwichOptions, DefaultTestsUseGMinusOneAndBmNeedsCr2) {
    const auto frame = data::read_table(reference_data("grunfeld.csv"));
    cli::ModelRequest request;
    request.model = "inv ~ value + capital";
    request.vcov = "cr2:firm";
    const auto result = cli::run_model(request, frame);
    EXPECT_EQ(result.vcov, "cr2:firm");
    EXPECT_FALSE(result.stats.contains("satterthwaite_df"));
    const auto& value = result.coefficient("value");
    // clubSandwich's naive-t: t(G - 1) = t(9).
    EXPECT_CLOSE("naive-t p", value.p, estimators::inference::two_sided_p(value.stat, 9.0), kStatRtol);
    request.vcov = "cluster:firm";
    request.ssc = "t_df=bm";
    EXPECT_THROW(cli::run_model(request, frame), Error);
    request.vcov = "cr2:firm+year";
    EXPECT_THROW(cli::run_model(request, frame), Error);
}

}  // namespace
}  // namespace gvcpanel::testing
