// Moran's I against R spdep 1.2-7 moran.test and the LM tests against splm 1.6-5 slmtest
// (tests/fixtures/spatial/make_spatial_tests_fixtures.R) on the panel of our own (40 units x 6
// periods, W the row-standardised 4 nearest neighbours).
#include "estimators/spatial/spatial_tests.hpp"

#include <gtest/gtest.h>

#include "data/read.hpp"
#include "data/spatial/weights_file.hpp"
#include "estimators/spatial/spatial_panel.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators::spatial {
namespace {

// Closed forms on the same numbers (sums in another order): 1e-10 for I, its moments, z and the LM
// statistics; p-values through erfc and the chi2 tail: 1e-8 relative.
constexpr double kClosedFormRtol = 1e-10;
constexpr double kPRtol = 1e-8;

struct Panel {
    arma::vec y;
    arma::mat X;  // intercept, x1, x2
    arma::sp_mat W;
};

Panel simulated() {
    data::ReadOptions options;
    options.text_columns = {"id"};
    const auto frame = data::read_csv(testing::fixture("spatial/sim_panel.csv"), options);
    std::vector<std::string> ids;
    for (std::size_t row = 0; row < 40; ++row) ids.push_back(frame.column("id").text(row));
    Panel panel;
    panel.W = data::weights_in_order(data::read_weights(testing::fixture("spatial/knn4_w.csv")), ids, "the panel");
    panel.y = arma::vec(frame.column("y").to_doubles());
    panel.X = arma::join_rows(arma::ones<arma::vec>(frame.rows()), arma::vec(frame.column("x1").to_doubles()),
                              arma::vec(frame.column("x2").to_doubles()));
    return panel;
}

const nlohmann::json& reference() {
    static const auto json = testing::read_json(testing::fixture("spatial/spatial_tests_reference.json"));
    return json;
}

void expect_moran(const MoranResult& result, const std::string& name) {
    const auto& peer = reference()[name];
    EXPECT_CLOSE(name + " I", result.I, peer["I"].get<double>(), kClosedFormRtol);
    EXPECT_CLOSE(name + " E[I]", result.expectation, peer["expectation"].get<double>(), kClosedFormRtol);
    EXPECT_CLOSE(name + " Var[I]", result.variance, peer["variance"].get<double>(), kClosedFormRtol);
    EXPECT_CLOSE(name + " z", result.z, peer["z"].get<double>(), kClosedFormRtol);
    EXPECT_CLOSE(name + " p", result.p, peer["p"].get<double>(), kPRtol);
}

TEST(SpatialTests, MoranByPeriodAndPooledAsSpdep) {
    const auto panel = simulated();
    for (arma::uword t = 0; t < 6; ++t)
        expect_moran(moran(panel.y.subvec(40 * t, 40 * t + 39), panel.W, 1, true), "sim_y_" + std::to_string(2001 + t));
    expect_moran(moran(panel.y, panel.W, 6, true), "sim_y_pooled");
    expect_moran(moran(panel.y, panel.W, 6, false), "sim_y_pooled_normal");
}

TEST(SpatialTests, LmTestsOnPooledAndWithinResidualsAsSplm) {
    const auto panel = simulated();
    const char* names[] = {"lm_lag", "lm_error", "rlm_lag", "rlm_error"};
    const auto pooled = lm_tests(panel.y, panel.X, panel.W, 6);
    const arma::mat X = panel.X.cols(1, 2);
    const auto within = lm_tests(sweep_effects(panel.y, 40, 6, FixedEffectsKind::individual),
                                 sweep_effects(X, 40, 6, FixedEffectsKind::individual), panel.W, 6);
    for (std::size_t j = 0; j < 4; ++j) {
        EXPECT_EQ(pooled[j].name, names[j]);
        EXPECT_CLOSE(std::string("pooling ") + names[j], pooled[j].stat, reference()["sim_lm_pooling"][j].get<double>(), kClosedFormRtol);
        EXPECT_CLOSE(std::string("within ") + names[j], within[j].stat, reference()["sim_lm_within"][j].get<double>(), kClosedFormRtol);
    }
}

}  // namespace
}  // namespace gvcpanel::estimators::spatial
