// Panel covariances on Grunfeld against R 4.2.2 plm 2.6-2 / sandwich 3.0-2 / estimatr 1.0.0
// (grunfeld_pooling.json, grunfeld_within_individual.json, grunfeld_lsdv_firm.json; the exact
// calls are in each file's options.vcov_definitions): Driscoll-Kraay, panel Newey-West, double
// clustering, and the K* of each --ssc preset with firm effects clustered by firm. The within fit
// is OLS on firm-demeaned data with the 10 firm levels absorbed, as the within estimator hands it.
#include <gtest/gtest.h>

#include <algorithm>
#include <armadillo>
#include <nlohmann/json.hpp>

#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "estimators/linear/ols.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;
using testing::kSeRtol;

using testing::expected;

models::Grouping grouping(const data::Frame& frame, const std::string& name) {
    const std::vector<double> values = frame.column(name).to_doubles();
    std::vector<double> levels = values;
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    models::Grouping g;
    g.name = name;
    g.levels = static_cast<std::int32_t>(levels.size());
    for (double v : values)
        g.codes.push_back(static_cast<std::int32_t>(std::lower_bound(levels.begin(), levels.end(), v) - levels.begin()));
    return g;
}

// Subtracts the mean of each group from every column.
arma::mat demeaned(arma::mat m, const models::Grouping& g) {
    arma::mat sums(static_cast<arma::uword>(g.levels), m.n_cols, arma::fill::zeros);
    arma::vec counts(static_cast<arma::uword>(g.levels), arma::fill::zeros);
    for (arma::uword i = 0; i < m.n_rows; ++i) {
        sums.row(static_cast<arma::uword>(g.codes[i])) += m.row(i);
        counts(static_cast<arma::uword>(g.codes[i])) += 1.0;
    }
    for (arma::uword i = 0; i < m.n_rows; ++i)
        m.row(i) -= sums.row(static_cast<arma::uword>(g.codes[i])) / counts(static_cast<arma::uword>(g.codes[i]));
    return m;
}

Estimate grunfeld(bool within) {
    const data::Frame frame = data::read_csv(testing::reference_data("grunfeld.csv"));
    const auto firm = grouping(frame, "firm"), year = grouping(frame, "year");
    models::Design d;
    d.outcome = "inv";
    d.y = arma::vec(frame.column("inv").to_doubles());
    d.X = arma::join_rows(arma::vec(frame.column("value").to_doubles()), arma::vec(frame.column("capital").to_doubles()));
    d.names = {"value", "capital"};
    d.sample.entity = firm.codes;
    d.sample.period = year.codes;
    d.sample.clusters = {firm, year};
    OlsOptions options;
    if (within) {
        d.formula = "inv ~ value + capital | firm";
        d.y = demeaned(d.y, firm);
        d.X = demeaned(d.X, firm);
        d.has_intercept = false;
        d.sample.fixed_effects = {firm};
        options.absorbed_df = 10;
    } else {
        d.formula = "inv ~ value + capital";
        d.X = arma::join_rows(arma::vec(frame.rows(), arma::fill::ones), d.X);
        d.names.insert(d.names.begin(), "(Intercept)");
    }
    return ols(std::move(d), options);
}

struct Case {
    const char* file;
    const char* key;
    const char* vcov;
    const char* ssc;
};

const Case kCases[] = {
    // Pooled OLS (plm pooling).
    {"grunfeld_pooling", "scc_HC0", "dk:2", "fixest"},
    {"grunfeld_pooling", "scc_sss", "dk:2", "adj=1,cluster_adj=1"},
    {"grunfeld_pooling", "nw_HC0", "nw:2", "fixest"},
    {"grunfeld_pooling", "dc_HC0", "cluster:firm+year", "none,cluster_df=conventional,vcov_fix=0"},
    {"grunfeld_pooling", "arellano_HC0", "cluster:firm", "none"},
    {"grunfeld_pooling", "arellano_sss", "cluster:firm", "fixest"},
    {"grunfeld_pooling", "arellano_time_HC0", "cluster:year", "none"},
    {"grunfeld_pooling", "white1_HC0", "hc0", "fixest"},
    {"grunfeld_pooling", "white1_HC1", "hc1", "fixest"},
    {"grunfeld_pooling", "bk", "pcse:group", "fixest"},  // vcovBK(m): cluster = "group", type = "HC0"
    // Firm effects absorbed: K* per preset, and the time-series covariances of demeaned scores.
    {"grunfeld_within_individual", "classical", "iid", "fixest"},
    {"grunfeld_within_individual", "arellano_sss", "cluster:firm", "plm"},     // K* = 2 slopes
    {"grunfeld_lsdv_firm", "cluster_id", "cluster:firm", "areg"},             // K* = 2 + 10 levels
    {"grunfeld_lsdv_firm", "cluster_id_HC0", "cluster:firm", "adj=0"},        // G/(G-1) only
    {"grunfeld_lsdv_firm", "estimatr_fe_CR0", "cluster:firm", "none"},
    {"grunfeld_within_individual", "white1_HC1", "hc1", "plm"},                // N/(N-2)
    {"grunfeld_lsdv_firm", "HC1", "hc1", "fixest"},                           // N/(N-12): nested = full without clusters
    {"grunfeld_within_individual", "arellano_time_HC0", "cluster:year", "none"},
    {"grunfeld_within_individual", "scc_HC0", "dk:2", "fixest"},
    {"grunfeld_within_individual", "nw_HC0", "nw:2", "fixest"},
    {"grunfeld_within_individual", "dc_HC0", "cluster:firm+year", "none,cluster_df=conventional,vcov_fix=0"},
    {"grunfeld_within_individual", "bk", "pcse:group", "fixest"},
};

class GrunfeldPanelVcov : public ::testing::TestWithParam<Case> {};

TEST_P(GrunfeldPanelVcov, StandardErrorsMatchR) {
    const Case& c = GetParam();
    const auto peer = expected(c.file);
    const bool within = std::string(c.file) != "grunfeld_pooling";
    InferenceOptions options;
    options.vcov = inference::parse_vcov(c.vcov);
    options.ssc = inference::parse_ssc(c.ssc);
    const Result result = infer(grunfeld(within), options);
    for (const auto& row : result.coef) {
        EXPECT_CLOSE(row.name + " coef", row.estimate, peer.at("coef").at(row.name).get<double>(), kCoefRtol);
        EXPECT_CLOSE(row.name + " se", row.se, peer.at("se").at(c.key).at(row.name).get<double>(), kSeRtol);
    }
}

INSTANTIATE_TEST_SUITE_P(PlmKeys, GrunfeldPanelVcov, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                             return std::string(info.param.file).substr(9) + "_" + info.param.key;
                         });

// fixest's default K* with firm effects clustered by firm is the 2 slopes plus the absorbed
// intercept (xtreg fe): plm's sss value (K* = 2) rescaled by (N-2)/(N-3).
TEST(GrunfeldPanelVcovNested, DefaultCountsTheAbsorbedInterceptOnly) {
    const auto peer = expected("grunfeld_within_individual");
    InferenceOptions options;
    options.vcov = inference::parse_vcov("cluster:firm");
    const Result result = infer(grunfeld(true), options);
    const double n = 200.0;
    for (const auto& row : result.coef) {
        const double plm_sss = peer.at("se").at("arellano_sss").at(row.name).get<double>();
        EXPECT_CLOSE(row.name + " se", row.se, plm_sss * std::sqrt((n - 2.0) / (n - 3.0)), kSeRtol);
    }
}

}  // namespace
}  // namespace gvcpanel::estimators
