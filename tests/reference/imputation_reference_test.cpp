// The imputation estimator (--estimator did-imputation) against two independent computations:
// (1) on a balanced panel (our staggered_small.csv) every horizon equals the cell-size-weighted mean
// of the coefficients of Wooldridge's (2021) extended two-way fixed-effects regression, one dummy per
// treated cohort x period cell (the equivalence BJS and Wooldridge show for balanced panels);
// (2) on fixest's base_stagg (from ../shared), the ATT and each horizon equal the means of
// y - yhat(0), with yhat(0) from `fit` run on the untreated rows alone (--subset) and its fixed
// effects written by --save-fe; (3) on base_stagg, R didimputation 0.3.0's estimates and standard
// errors (tests/fixtures/did/imputation_base_stagg.json, written by imputation_reference.R).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/run_model.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel {
namespace {

// Both sides come from the demeaning at its 1e-10 tolerance: effects agree to ~1e-9.
constexpr double kImputationRtol = 1e-7;
constexpr double kImputationFloor = 1e-3;
// didimputation solves for the weights behind the standard errors directly (sparse), we by
// Gauss-Seidel sweeps to 1e-13; with the demeaning's 1e-10 the standard errors agree to ~1e-9.
constexpr double kImputationSeRtol = 1e-6;

cli::ModelRequest imputation(const std::string& model, const std::string& cohort, const std::string& panel) {
    cli::ModelRequest request;
    request.model = model;
    request.estimator = "did-imputation";
    request.cohort = cohort;
    request.panel = panel;
    request.threads = 2;
    return request;
}

TEST(ImputationReference, BalancedPanelEqualsExtendedTwoWayFixedEffects) {
    data::Frame frame = data::read_csv(testing::fixture("did/staggered_small.csv"));
    std::vector<double> cell;
    std::map<double, std::map<double, double>> cells_of_horizon;  // horizon -> cell -> observations
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        const double g = frame.column("cohort").number(row), t = frame.column("year").number(row);
        const bool treated = g > 0 && t >= g;
        cell.push_back(treated ? g * 10000 + t : 0);
        if (treated) cells_of_horizon[t - g][g * 10000 + t] += 1;
    }
    frame.add(data::Column::numeric("cell", std::move(cell)));
    cli::ModelRequest etwfe;
    etwfe.model = "y ~ i(cell, ref = 0) | id + year";
    const auto twfe = cli::run_model(etwfe, frame);
    cli::ModelRequest request = imputation("y ~ 1 | id + year", "cohort", "id,year");
    const auto result = cli::run_model(request, frame);
    double att = 0, total = 0;
    for (const auto& [h, cells] : cells_of_horizon) {
        double sum = 0, count = 0;
        for (const auto& [c, n] : cells) {
            sum += n * twfe.coefficient("cell::" + std::to_string(std::int64_t(c))).estimate;
            count += n;
        }
        att += sum;
        total += count;
        EXPECT_TRUE(testing::close("event::" + std::to_string(int(h)),
                                   result.coefficient("event::" + std::to_string(int(h))).estimate, sum / count,
                                   kImputationRtol, kImputationFloor));
    }
    EXPECT_TRUE(testing::close("ATT", result.coefficient("ATT").estimate, att / total, kImputationRtol, kImputationFloor));
}

// The fixed effects `fit --save-fe` wrote: dimension -> level -> estimate.
std::map<std::string, std::map<std::string, double>> read_fixed_effects(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // dimension,level,estimate
    std::map<std::string, std::map<std::string, double>> out;
    while (std::getline(in, line)) {
        std::stringstream fields(line);
        std::string dimension, level, estimate;
        std::getline(fields, dimension, ',');
        std::getline(fields, level, ',');
        std::getline(fields, estimate, ',');
        out[dimension][level] = std::stod(estimate);
    }
    return out;
}

std::string integer_text(double value) { return std::to_string(std::int64_t(value)); }

TEST(ImputationReference, BaseStaggEqualsFixedEffectsFittedOnTheUntreatedThenImputed) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const data::Frame frame = data::read_csv(testing::shared_data("wave2/base_stagg.csv"));
    // The untreated: never treated (year_treated 10000, after the sample) or before their cohort.
    cli::ModelRequest untreated;
    untreated.model = "y ~ x1 | id + year";
    untreated.subset = "year < year_treated";
    untreated.save_fe = testing::temp_dir() + "/fe.csv";
    untreated.keep_singletons = true;
    const auto fit = cli::run_model(untreated, frame);
    const auto fe = read_fixed_effects(untreated.save_fe);
    const double slope = fit.coefficient("x1").estimate;
    std::map<double, std::pair<double, double>> by_horizon;
    double att = 0, treated = 0;
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        const double g = frame.column("year_treated").number(row), t = frame.column("year").number(row);
        if (t < g) continue;
        const double y0 = fe.at("id").at(integer_text(frame.column("id").number(row))) +
                          fe.at("year").at(integer_text(t)) + slope * frame.column("x1").number(row);
        const double tau = frame.column("y").number(row) - y0;
        by_horizon[t - g].first += tau;
        by_horizon[t - g].second += 1;
        att += tau;
        treated += 1;
    }
    cli::ModelRequest request = imputation("y ~ x1 | id + year", "year_treated", "id,year");
    request.horizons = "0:8";
    const auto result = cli::run_model(request, frame);
    EXPECT_TRUE(testing::close("ATT", result.coefficient("ATT").estimate, att / treated, kImputationRtol, kImputationFloor));
    for (const auto& [h, sum] : by_horizon)
        EXPECT_TRUE(testing::close("event::" + integer_text(h), result.coefficient("event::" + integer_text(h)).estimate,
                                   sum.first / sum.second, kImputationRtol, kImputationFloor));
    EXPECT_NE(result.test("pretrend"), nullptr);
    EXPECT_EQ(result.stats["n_treated"].get<double>(), treated);
}

// R didimputation 0.3.0 on base_stagg (tests/fixtures/did/imputation_reference.R): the ATT and
// every horizon with their standard errors, and the pre-trend leads of its regression on the
// untreated (fixest's default: clustered by id) with theirs.
TEST(ImputationReference, BaseStaggAgainstDidimputation) {
    GVCPANEL_REQUIRE_SHARED("wave2");
    const data::Frame frame = data::read_csv(testing::shared_data("wave2/base_stagg.csv"));
    const auto ref = testing::read_json(testing::fixture("did/imputation_base_stagg.json"));
    cli::ModelRequest request = imputation("y ~ x1 | id + year", "year_treated", "id,year");
    const auto overall = cli::run_model(request, frame);
    const auto& att = overall.coefficient("ATT");
    EXPECT_TRUE(testing::close("ATT", att.estimate, ref["static"]["estimate"][0].get<double>(), kImputationRtol,
                               kImputationFloor));
    EXPECT_TRUE(testing::close("ATT se", att.se, ref["static"]["std_error"][0].get<double>(), kImputationSeRtol));
    request.horizons = "-3:8";
    const auto by_horizon = cli::run_model(request, frame);
    const auto& horizons = ref["horizons"];
    std::size_t compared = 0;
    for (std::size_t j = 0; j < horizons["term"].size(); ++j) {
        const std::string term = horizons["term"][j];
        if (term == "x1") continue;  // the untreated fit's slope, not reported by the estimator
        const auto& row = by_horizon.coefficient("event::" + term);
        EXPECT_TRUE(testing::close("event::" + term, row.estimate, horizons["estimate"][j].get<double>(),
                                   kImputationRtol, kImputationFloor));
        EXPECT_TRUE(testing::close("event::" + term + " se", row.se, horizons["std_error"][j].get<double>(),
                                   kImputationSeRtol));
        ++compared;
    }
    EXPECT_EQ(compared, 12u);
}

}  // namespace
}  // namespace gvcpanel
