// SAR and SEM with individual, time and two-way fixed effects, uncorrected and Lee-Yu corrected,
// against R splm 1.6-5 spml(model = "within") on a panel of our own (tests/fixtures/spatial/
// make_spml_fixtures.R: 40 units x 6 periods, W the row-standardised 4 nearest neighbours).
#include "estimators/spatial/spatial_panel.hpp"

#include <gtest/gtest.h>

#include "data/read.hpp"
#include "data/spatial/weights_file.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators::spatial {
namespace {

// The optimizer sets the limit: both searches are Brent's (splm: optimize(tol = 1e-13)), whose step
// cannot go below sqrt(machine epsilon) |rho| ~ 1.5e-8 |rho|, as the concentrated likelihood is flat
// at its maximum. Where the two stop on different sides (time and two-way effects) rho agrees to
// 7.1-7.7 digits and the slopes, which move with it, to about 8: 1e-6 (the ask) for both.
constexpr double kSplmRtol = 1e-6;

SpatialPanel simulated_panel() {
    data::ReadOptions options;
    options.text_columns = {"id"};
    const auto frame = data::read_csv(testing::fixture("spatial/sim_panel.csv"), options);
    const auto weights = data::read_weights(testing::fixture("spatial/knn4_w.csv"));
    SpatialPanel panel;
    panel.units = weights.size();
    panel.periods = frame.rows() / panel.units;
    std::vector<std::string> ids;  // the fixture lists the units in the same order in every period
    for (std::size_t row = 0; row < panel.units; ++row) ids.push_back(frame.column("id").text(row));
    panel.W = data::weights_in_order(weights, ids, "the panel's units");
    panel.y = arma::vec(frame.column("y").to_doubles());
    panel.X = arma::join_rows(arma::vec(frame.column("x1").to_doubles()), arma::vec(frame.column("x2").to_doubles()));
    panel.names = {"x1", "x2"};
    return panel;
}

void expect_splm(const SpatialFit& fit, const std::string& name) {
    const auto reference = testing::read_json(testing::fixture("spatial/spml_reference.json"))[name];
    ASSERT_FALSE(reference.is_null()) << name;
    const auto coef = reference["coef"].get<std::vector<double>>();
    const auto se = reference["se"].get<std::vector<double>>();
    ASSERT_EQ(fit.coef.n_elem, coef.size()) << name;
    for (std::size_t j = 0; j < coef.size(); ++j) {
        EXPECT_CLOSE(name + " " + fit.names[j], fit.coef(j), coef[j], kSplmRtol);
        EXPECT_CLOSE(name + " se " + fit.names[j], std::sqrt(fit.vcov(j, j)), se[j], kSplmRtol);
    }
    EXPECT_CLOSE(name + " sigma2", fit.sigma2, reference["sigma2"].get<double>(), kSplmRtol);
}

struct Case {
    SpatialModel model;
    FixedEffectsKind effects;
    bool lee_yu;
    const char* name;
};

TEST(SpatialPanel, WithinEstimatorsAsSplm) {
    const auto panel = simulated_panel();
    for (const Case& c : {Case{SpatialModel::lag, FixedEffectsKind::individual, false, "sim_sar_individual"},
                          Case{SpatialModel::lag, FixedEffectsKind::time, false, "sim_sar_time"},
                          Case{SpatialModel::lag, FixedEffectsKind::twoways, false, "sim_sar_twoways"},
                          Case{SpatialModel::error, FixedEffectsKind::individual, false, "sim_sem_individual"},
                          Case{SpatialModel::error, FixedEffectsKind::time, false, "sim_sem_time"},
                          Case{SpatialModel::error, FixedEffectsKind::twoways, false, "sim_sem_twoways"},
                          Case{SpatialModel::lag, FixedEffectsKind::individual, true, "sim_sar_individual_leeyu"},
                          Case{SpatialModel::lag, FixedEffectsKind::time, true, "sim_sar_time_leeyu"},
                          Case{SpatialModel::lag, FixedEffectsKind::twoways, true, "sim_sar_twoways_leeyu"},
                          Case{SpatialModel::error, FixedEffectsKind::individual, true, "sim_sem_individual_leeyu"},
                          Case{SpatialModel::error, FixedEffectsKind::time, true, "sim_sem_time_leeyu"},
                          Case{SpatialModel::error, FixedEffectsKind::twoways, true, "sim_sem_twoways_leeyu"}}) {
        SpatialOptions options;
        options.model = c.model;
        options.effects = c.effects;
        options.lee_yu = c.lee_yu;
        options.tolerance = 1e-12;
        expect_splm(fit_spatial_panel(panel, options), c.name);
    }
}

TEST(SpatialPanel, LagLikelihoodAsSplm) {
    // splm's logLik of the lag model is the full likelihood at the estimates (the error model's is the
    // concentrated objective, not compared).
    const auto panel = simulated_panel();
    const auto references = testing::read_json(testing::fixture("spatial/spml_reference.json"));
    SpatialOptions options;
    options.tolerance = 1e-12;
    for (const auto effects : {FixedEffectsKind::individual, FixedEffectsKind::twoways}) {
        options.effects = effects;
        const std::string name = effects == FixedEffectsKind::individual ? "sim_sar_individual" : "sim_sar_twoways";
        EXPECT_CLOSE(name + " loglik", fit_spatial_panel(panel, options).loglik, references[name]["loglik"].get<double>(),
                     kSplmRtol);
    }
}

TEST(SpatialPanel, SweepAndLagAreThePanelOperators) {
    // Two-way sweeping leaves every unit's and every period's mean at zero; the lag of a period-major
    // vector is W applied within each period.
    const arma::mat Z = arma::randu<arma::mat>(12, 2);
    const arma::mat swept = sweep_effects(Z, 4, 3, FixedEffectsKind::twoways);
    for (arma::uword t = 0; t < 3; ++t) EXPECT_NEAR(arma::accu(swept.submat(4 * t, 0, 4 * t + 3, 0)), 0.0, 1e-14);
    for (arma::uword i = 0; i < 4; ++i) EXPECT_NEAR(swept(i, 1) + swept(4 + i, 1) + swept(8 + i, 1), 0.0, 1e-14);
    arma::sp_mat W(4, 4);
    W(0, 1) = W(1, 0) = W(2, 3) = W(3, 2) = 1;
    const arma::mat lagged = spatial_lag(W, Z, 4);
    EXPECT_EQ(lagged(4, 0), Z(5, 0));
    EXPECT_EQ(lagged(11, 1), Z(10, 1));
}

}  // namespace
}  // namespace gvcpanel::estimators::spatial
