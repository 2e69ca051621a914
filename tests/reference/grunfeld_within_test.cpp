// Grunfeld (plm::Grunfeld, 10 firms x 20 years), inv ~ value + capital with absorbed firm, year or
// firm and year effects, against R 4.2.2 plm 2.6-2 / sandwich 3.0-2 / estimatr 1.0.0 values in
// tests/reference/expected (each case records its exact calls).
#include <gtest/gtest.h>

#include <algorithm>
#include <armadillo>
#include <cmath>
#include <nlohmann/json.hpp>

#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;
using testing::kSeRtol;
using testing::kStatRtol;

using testing::expected;

// A grouping coded by the sorted distinct values of an integer column.
models::Grouping grouping(const data::Frame& frame, const std::string& name) {
    const std::vector<double> values = frame.column(name).to_doubles();
    std::vector<double> levels = values;
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    models::Grouping g;
    g.name = name;
    g.levels = static_cast<std::int32_t>(levels.size());
    for (double v : levels) g.level_names.push_back(std::to_string(static_cast<long long>(v)));
    for (double v : values)
        g.codes.push_back(static_cast<std::int32_t>(
            std::lower_bound(levels.begin(), levels.end(), v) - levels.begin()));
    return g;
}

models::Design grunfeld(const std::vector<std::string>& effects) {
    const data::Frame frame = data::read_csv(testing::reference_data("grunfeld.csv"));
    models::Design d;
    d.formula = "inv ~ value + capital |";
    d.outcome = "inv";
    d.y = arma::vec(frame.column("inv").to_doubles());
    d.X = arma::join_rows(arma::vec(frame.column("value").to_doubles()),
                          arma::vec(frame.column("capital").to_doubles()));
    d.names = {"value", "capital"};
    d.has_intercept = false;
    for (std::size_t i = 0; i < d.y.n_elem; ++i) d.sample.rows.push_back(i);
    const models::Grouping firm = grouping(frame, "firm");
    const models::Grouping year = grouping(frame, "year");
    d.sample.entity = firm.codes;
    d.sample.period = year.codes;
    d.sample.clusters = {firm, year};
    for (const auto& name : effects) {
        d.formula += (effects.front() == name ? " " : " + ") + name;
        d.sample.fixed_effects.push_back(name == "firm" ? firm : year);
    }
    return d;
}

// One covariance key of a case: its vcov and the --ssc settings that reproduce it.
struct Key {
    std::string key, vcov, ssc;
};

void check_standard_errors(const Estimate& fit, const nlohmann::json& reference,
                           const std::vector<Key>& keys) {
    for (const auto& k : keys) {
        InferenceOptions options;
        options.vcov = inference::parse_vcov(k.vcov);
        options.ssc = inference::parse_ssc(k.ssc);
        const Result result = infer(fit, options);
        for (const std::string name : {"value", "capital"})
            EXPECT_CLOSE(k.key + " (" + k.vcov + ", ssc " + k.ssc + ") se " + name,
                         result.coefficient(name).se, reference["se"][k.key][name].get<double>(),
                         kSeRtol);
    }
}

void check_coefficients(const Estimate& fit, const nlohmann::json& reference) {
    ASSERT_EQ(fit.names, (std::vector<std::string>{"value", "capital"}));
    EXPECT_CLOSE("value", fit.coef(0), reference["coef"]["value"].get<double>(), kCoefRtol);
    EXPECT_CLOSE("capital", fit.coef(1), reference["coef"]["capital"].get<double>(), kCoefRtol);
    EXPECT_TRUE(fit.converged) << fit.convergence_message;
}

void check_fit_statistics(const Estimate& fit, const nlohmann::json& reference,
                          const std::string& f_test) {
    const auto& stats = reference["stats"];
    const double df = stats["df_resid"].get<double>();
    EXPECT_EQ(fit.stats["df_resid"].get<double>(), df);
    EXPECT_CLOSE("sigma2", fit.sigma2, stats["rss"].get<double>() / df, kCoefRtol);
    // plm's within r2 is the r2 of the demeaned model.
    EXPECT_CLOSE("r2_within", fit.stats["r2_within"].get<double>(), stats["r2"].get<double>(),
                 kCoefRtol);
    const auto& pf = reference["tests"][f_test];
    const auto f = std::find_if(fit.tests.begin(), fit.tests.end(),
                                [](const TestResult& t) { return t.name == "f_fe"; });
    ASSERT_NE(f, fit.tests.end());
    EXPECT_CLOSE("f_fe stat", f->stat, pf["stat"].get<double>(), kStatRtol);
    EXPECT_CLOSE("f_fe p", f->p, pf["p"].get<double>(), kStatRtol);
    EXPECT_EQ(f->df, pf["df"].get<std::vector<double>>());
}

// The fixed-effect estimates of `dimension` against plm's fixef(type = "level"); with two
// dimensions only differences from the first level are identified and compared.
void check_fixed_effects(const FixedEffectEstimates& estimates, std::size_t dimension,
                         const nlohmann::json& reference, bool differences) {
    const auto& d = estimates.dimensions.at(dimension);
    const auto& levels = reference["stats"]["fixef_level"];
    ASSERT_EQ(d.estimates.n_elem, levels.size());
    const double base = differences ? d.estimates(0) : 0.0;
    const double reference_base = differences ? levels[d.level_names[0]].get<double>() : 0.0;
    for (std::size_t l = 0; l < d.estimates.n_elem; ++l)
        EXPECT_CLOSE(d.name + " " + d.level_names[l], d.estimates(l) - base,
                     levels[d.level_names[l]].get<double>() - reference_base, kCoefRtol);
}

// plm: vcov(m) is s^2 (X'X)^-1; vcovHC arellano HC0 has no factor (ssc none), sss is
// G/(G-1)(N-1)/(N-K) with K = slopes (ssc plm); white1 is HC0 / HC1 on the demeaned data with
// K = slopes; vcovDC HC0 = V_firm + V_year - V_white (two-way clustering, no factors).
const std::vector<Key> kPlmKeys = {
    {"classical", "iid", "fixest"},
    {"arellano_HC0", "cluster:firm", "none"},
    {"arellano_sss", "cluster:firm", "plm"},
    {"arellano_time_HC0", "cluster:year", "none"},
    {"white1_HC0", "hc0", "none"},
    {"white1_HC1", "hc1", "plm"},
    {"dc_HC0", "cluster:firm+year", "none"},
};

TEST(GrunfeldWithin, IndividualEffects) {
    const auto reference = expected("grunfeld_within_individual");
    FixedEffectEstimates effects;
    const Estimate fit = within(grunfeld({"firm"}), {}, effects);
    check_coefficients(fit, reference);
    EXPECT_EQ(fit.df_fe, 10u);
    EXPECT_EQ(fit.stats["iterations"].get<int>(), 0);
    check_fit_statistics(fit, reference, "pFtest_individual");
    check_fixed_effects(effects, 0, reference, false);
    check_standard_errors(fit, reference, kPlmKeys);
}

TEST(GrunfeldWithin, TimeEffects) {
    const auto reference = expected("grunfeld_within_time");
    FixedEffectEstimates effects;
    const Estimate fit = within(grunfeld({"year"}), {}, effects);
    check_coefficients(fit, reference);
    EXPECT_EQ(fit.df_fe, 20u);
    check_fit_statistics(fit, reference, "pFtest_time");
    check_fixed_effects(effects, 0, reference, false);
    check_standard_errors(fit, reference, kPlmKeys);
}

TEST(GrunfeldWithin, TwoWayEffects) {
    const auto reference = expected("grunfeld_within_twoways");
    FixedEffectEstimates effects;
    const Estimate fit = within(grunfeld({"firm", "year"}), {}, effects);
    check_coefficients(fit, reference);
    EXPECT_EQ(fit.df_fe, 10u + 20u - 1u);
    EXPECT_GT(fit.stats["iterations"].get<int>(), 0);
    check_fit_statistics(fit, reference, "pFtest_twoways");
    check_fixed_effects(effects, 0, reference, true);
    check_standard_errors(fit, reference, kPlmKeys);
}

TEST(GrunfeldWithin, AregConventions) {
    // lm(inv ~ value + capital + factor(firm)) and estimatr's lm_robust(fixed_effects = ~firm).
    const auto reference = expected("grunfeld_lsdv_firm");
    const Estimate fit = within(grunfeld({"firm"}));
    check_coefficients(fit, reference);
    EXPECT_CLOSE("r2", fit.stats["r2"].get<double>(), reference["stats"]["r2_lsdv"].get<double>(),
                 kCoefRtol);
    EXPECT_CLOSE("r2_adj", fit.stats["r2_adj"].get<double>(),
                 reference["stats"]["adj_r2_lsdv"].get<double>(), kCoefRtol);
    // HC1 and cluster_id count the 10 firm levels in K* (areg); cluster_id_HC0 has G/(G-1) only;
    // CR0 has no factor.
    check_standard_errors(fit, reference,
                          {{"classical", "iid", "areg"},
                           {"HC1", "hc1", "areg"},
                           {"cluster_id", "cluster:firm", "areg"},
                           {"cluster_id_HC0", "cluster:firm", "adj=0"},
                           {"estimatr_fe_CR0", "cluster:firm", "none"}});
}

TEST(GrunfeldWithin, FixestDefaultCountsTheAbsorbedInterceptWhenNested) {
    // With firm effects nested in the firm clusters, fixest's K* = 2 slopes + 1 (conventions.md):
    // the factor-free arellano_HC0 variance times G/(G-1) (N-1)/(N-3).
    const auto reference = expected("grunfeld_within_individual");
    const Estimate fit = within(grunfeld({"firm"}));
    InferenceOptions options;
    options.vcov = inference::parse_vcov("cluster:firm");
    const Result result = infer(fit, options);
    const double factor = 10.0 / 9.0 * 199.0 / 197.0;
    for (const std::string name : {"value", "capital"})
        EXPECT_CLOSE("fixest se " + name, result.coefficient(name).se,
                     reference["se"]["arellano_HC0"][name].get<double>() * std::sqrt(factor),
                     kSeRtol);
}

}  // namespace
}  // namespace gvcpanel::estimators
