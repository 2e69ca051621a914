// LeSage-Pace effects: point values against the definition computed with a dense inverse in R
// (tests/fixtures/spatial/make_spml_fixtures.R, effects_reference.json) at splm's estimates; the
// delta method's gradient against central differences of the effects; the simulated SEs against the
// delta method's.
#include "estimators/spatial/spatial_effects.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"
#include "data/read.hpp"
#include "data/spatial/weights_file.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators::spatial {
namespace {

// The same quantities by eigenvalue sums and solves here, by a dense inverse in R: 1e-10.
constexpr double kEffectRtol = 1e-10;
// Central differences with step 1e-6 carry an error of order 1e-12 in the multipliers (their third
// derivative in rho is moderate on the stable interval): 1e-6 relative.
constexpr double kGradientRtol = 1e-6;
// 5,000 draws give the standard deviation to about 1/sqrt(2 x 5,000) = 1% (one SE of the Monte Carlo
// error); the effects are near-linear in the parameters at these SEs: 5%.
constexpr double kSimulationRtol = 0.05;

arma::sp_mat knn_weights() {
    data::ReadOptions options;
    options.text_columns = {"id"};
    const auto points = data::read_csv(testing::fixture("spatial/points.csv"), options);
    std::vector<std::string> ids;
    for (std::size_t row = 0; row < points.rows(); ++row) ids.push_back(points.column("id").text(row));
    return data::weights_in_order(data::read_weights(testing::fixture("spatial/knn4_w.csv")), ids, "the points");
}

struct Model {
    std::vector<std::string> names;
    arma::vec coef;
    arma::mat vcov;
};

// splm's estimates; the covariance diagonal from its SEs (splm's is block-diagonal in rho and b).
Model splm_model(const std::string& name, const std::vector<std::string>& names) {
    const auto reference = testing::read_json(testing::fixture("spatial/spml_reference.json"))[name];
    Model model{names, arma::vec(reference["coef"].get<std::vector<double>>()), {}};
    model.vcov = arma::diagmat(arma::square(arma::vec(reference["se"].get<std::vector<double>>())));
    return model;
}

void expect_effects(const SpatialEffects& effects, const std::string& name, const std::vector<std::string>& regressors) {
    const auto reference = testing::read_json(testing::fixture("spatial/effects_reference.json"))[name];
    ASSERT_EQ(effects.rows.size(), 3 * regressors.size());
    for (std::size_t r = 0; r < regressors.size(); ++r) {
        const char* kinds[] = {"direct", "indirect", "total"};
        for (std::size_t k = 0; k < 3; ++k) {
            const auto& row = effects.rows[3 * r + k];
            EXPECT_EQ(row.name, std::string(kinds[k]) + "::" + regressors[r]);
            EXPECT_CLOSE(name + " " + row.name, row.estimate, reference[kinds[k]][r].get<double>(), kEffectRtol);
        }
    }
}

TEST(SpatialEffects, PointValuesAsTheDefinition) {
    const auto W = knn_weights();
    const auto sar = splm_model("sim_sar_twoways", {"rho", "x1", "x2"});
    expect_effects(spatial_effects(W, sar.names, sar.coef, sar.vcov, 0, 1), "sim_sar_twoways", {"x1", "x2"});
    const auto sdm = splm_model("sim_sdm_twoways", {"rho", "x1", "x2", "W:x1", "W:x2"});
    expect_effects(spatial_effects(W, sdm.names, sdm.coef, sdm.vcov, 0, 1), "sim_sdm_twoways", {"x1", "x2"});
}

TEST(SpatialEffects, DeltaGradientAsCentralDifferences) {
    const auto W = knn_weights();
    const auto sdm = splm_model("sim_sdm_twoways", {"rho", "x1", "x2", "W:x1", "W:x2"});
    const auto effects = spatial_effects(W, sdm.names, sdm.coef, sdm.vcov, 0, 1);
    const double h = 1e-6;
    for (arma::uword p = 0; p < sdm.coef.n_elem; ++p) {
        arma::vec up = sdm.coef, down = sdm.coef;
        up(p) += h;
        down(p) -= h;
        const auto high = spatial_effects(W, sdm.names, up, sdm.vcov, 0, 1), low = spatial_effects(W, sdm.names, down, sdm.vcov, 0, 1);
        for (std::size_t e = 0; e < effects.rows.size(); ++e) {
            const double numeric = (high.rows[e].estimate - low.rows[e].estimate) / (2 * h);
            EXPECT_TRUE(testing::close(effects.rows[e].name + " d/d" + sdm.names[p], effects.gradient(e, p), numeric,
                                       kGradientRtol, 1e-9));
        }
    }
}

TEST(SpatialEffects, SimulatedSesNearTheDeltaMethodAndReproducible) {
    const auto W = knn_weights();
    const auto sar = splm_model("sim_sar_twoways", {"rho", "x1", "x2"});
    const auto effects = spatial_effects(W, sar.names, sar.coef, sar.vcov, 5000, 42);
    const arma::mat delta = effects.gradient * sar.vcov * effects.gradient.t();
    for (std::size_t e = 0; e < effects.rows.size(); ++e)
        EXPECT_CLOSE(effects.rows[e].name + " simulated se", effects.rows[e].se_simulated, std::sqrt(delta(e, e)),
                     kSimulationRtol);
    const auto again = spatial_effects(W, sar.names, sar.coef, sar.vcov, 200, 42);
    const auto same = spatial_effects(W, sar.names, sar.coef, sar.vcov, 200, 42);
    EXPECT_EQ(again.rows[0].se_simulated, same.rows[0].se_simulated);
}

TEST(SpatialEffects, OnlyForALag) {
    EXPECT_THROW(spatial_effects(knn_weights(), {"lambda", "x1"}, arma::vec{0.3, 1.0}, arma::eye(2, 2), 0, 1), gvcpanel::Error);
}

}  // namespace
}  // namespace gvcpanel::estimators::spatial
