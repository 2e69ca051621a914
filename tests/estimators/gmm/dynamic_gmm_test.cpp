// Dynamic-panel GMM without outside tools: first differences and forward orthogonal deviations
// give the same one-step estimate with the full instrument set on a balanced panel (Arellano and
// Bover 1995); a simulated AR(1) panel with fixed effects recovers its coefficient; the covariance
// types it cannot offer are refused by name; too many instruments are flagged.
#include "estimators/gmm/dynamic_gmm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "data/error.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators {
namespace {

// y_it = rho y_i,t-1 + beta x_it + eta_i + e_it, x_it = 0.5 eta_i + u_it, after 50 periods of burn-in
// (mean-stationary, as system GMM's levels moments assume).
struct SimulatedPanel {
    data::Frame frame;
    std::unique_ptr<data::PanelIndex> panel;

    SimulatedPanel(int firms, int years, double rho, double beta, unsigned seed) {
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> normal;
        std::vector<std::int64_t> firm, year;
        std::vector<double> y, x;
        for (int i = 0; i < firms; ++i) {
            const double eta = normal(rng);
            double previous = 0.0;
            constexpr int kBurnIn = 50;
            for (int t = -kBurnIn; t < years; ++t) {
                const double xt = 0.5 * eta + normal(rng);
                previous = rho * previous + beta * xt + eta + normal(rng);
                if (t < 0) continue;
                firm.push_back(i);
                year.push_back(2000 + t);
                x.push_back(xt);
                y.push_back(previous);
            }
        }
        frame.add(data::Column::integer("firm", firm));
        frame.add(data::Column::integer("year", year));
        frame.add(data::Column::numeric("y", y));
        frame.add(data::Column::numeric("x", x));
        panel = std::make_unique<data::PanelIndex>(frame, "firm", "year");
    }

    Estimate fit(const std::string& formula, DynamicGmmOptions options, const std::string& estimator) const {
        auto spec = models::parse_model(formula);
        spec.panel_id = "firm";
        spec.panel_time = "year";
        const auto design = models::build_design(spec, frame, panel.get());
        std::vector<std::vector<double>> levels;
        for (const auto& g : options.panel.gmm) levels.push_back(frame.column(g.variable).to_doubles());
        return dynamic_gmm(design, *panel, levels, options, estimator);
    }
};

DynamicGmmOptions options_with(const std::vector<std::string>& gmm, bool system = false) {
    DynamicGmmOptions options;
    for (const auto& g : gmm) options.panel.gmm.push_back(parse_gmm_instrument(g));
    options.panel.system = system;
    options.threads = 2;
    return options;
}

TEST(DynamicGmm, OrthogonalDeviationsEqualDifferencesWithAllLags) {
    const SimulatedPanel data(60, 6, 0.5, 0.0, 7);
    auto fd = options_with({"y:2-."});
    auto fod = fd;
    fod.panel.transform = Transform::orthogonal_deviations;
    const auto by_fd = data.fit("y ~ l(y, 1)", fd, "diff-gmm");
    const auto by_fod = data.fit("y ~ l(y, 1)", fod, "diff-gmm");
    // The two transformations span the same moment conditions; only rounding differs.
    EXPECT_CLOSE("rho", by_fod.coef(0), by_fd.coef(0), testing::kCoefRtol);
    EXPECT_EQ(by_fd.stats["n_instruments"], by_fod.stats["n_instruments"]);
}

TEST(DynamicGmm, OneStepWithIdentityWeightsIsTwoStageLeastSquares) {
    // Under orthogonal deviations H = I, so the one-step weights are (Z'Z)^-1: 2SLS on the stacked
    // transformed equations, computed here directly from the blocks.
    const SimulatedPanel data(80, 6, 0.5, 1.0, 13);
    auto options = options_with({"y:2-."});
    options.panel.transform = Transform::orthogonal_deviations;
    const auto fit = data.fit("y ~ l(y, 1) + x", options, "diff-gmm");

    auto spec = models::parse_model("y ~ l(y, 1) + x");
    spec.panel_id = "firm";
    spec.panel_time = "year";
    const auto design = models::build_design(spec, data.frame, data.panel.get());
    const DynamicPanel system(design, *data.panel, {data.frame.column("y").to_doubles()}, options.panel);
    arma::mat Z, X;
    arma::vec y;
    EquationBlock block;
    for (std::size_t i = 0; i < system.n_entities(); ++i) {
        system.build(i, block);
        Z = arma::join_cols(Z, block.Z);
        X = arma::join_cols(X, block.X);
        y = arma::join_cols(y, block.y);
    }
    const arma::mat PzX = Z * arma::solve(Z.t() * Z, Z.t() * X);
    const arma::vec b = arma::solve(PzX.t() * X, PzX.t() * y);
    for (arma::uword j = 0; j < b.n_elem; ++j)
        EXPECT_CLOSE(fit.names[j], fit.coef(j), b(j), testing::kCoefRtol);
}

TEST(DynamicGmm, SystemGmmRecoversTheSimulatedCoefficients) {
    const SimulatedPanel data(3000, 7, 0.6, 1.0, 11);
    auto options = options_with({"y:2-4", "x:2-4"}, true);
    options.two_step = true;
    const auto fit = data.fit("y ~ l(y, 1) + x", options, "sys-gmm");
    InferenceOptions robust;
    robust.vcov = inference::parse_vcov("robust");
    const auto result = infer(fit, robust);
    // Sampling error only: within four Windmeijer standard errors of the truth.
    EXPECT_NEAR(result.coefficient("l(y,1)").estimate, 0.6, 4.0 * result.coefficient("l(y,1)").se);
    EXPECT_NEAR(result.coefficient("x").estimate, 1.0, 4.0 * result.coefficient("x").se);
    EXPECT_LT(result.coefficient("l(y,1)").se, 0.05);  // informative: 3000 firms
    // Hayashi's C with the full model's S is never negative at the two-step estimates, and the
    // levels-equation moments of system GMM get their own test.
    std::vector<std::string> subsets;
    for (const auto& t : fit.tests)
        if (t.name.rfind("diff_hansen:", 0) == 0) {
            subsets.push_back(t.name);
            EXPECT_GE(t.stat, 0.0) << t.name;
        }
    EXPECT_EQ(subsets, (std::vector<std::string>{"diff_hansen:gmm(y)", "diff_hansen:gmm(x)", "diff_hansen:iv",
                                                 "diff_hansen:levels"}));
}

TEST(DynamicGmm, OffersIidAndEntityClusteredCovariancesOnly) {
    const SimulatedPanel data(40, 5, 0.5, 1.0, 3);
    const auto fit = data.fit("y ~ l(y, 1) + x", options_with({"y:2-."}), "diff-gmm");
    InferenceOptions options;
    options.vcov = inference::parse_vcov("cluster:firm");
    const auto clustered = infer(fit, options);
    options.vcov = inference::parse_vcov("robust");
    const auto robust = infer(fit, options);
    EXPECT_EQ(clustered.coef[0].se, robust.coef[0].se);
    options.vcov = inference::parse_vcov("dk");
    try {
        infer(fit, options);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("offers iid and robust (clustered by firm)"), std::string::npos) << e.what();
    }
}

TEST(DynamicGmm, FlagsMoreInstrumentsThanGroups) {
    const SimulatedPanel data(10, 8, 0.5, 1.0, 5);
    const auto fit = data.fit("y ~ l(y, 1) + x", options_with({"y:2-.", "x:2-."}), "diff-gmm");
    ASSERT_FALSE(fit.notes.empty());
    EXPECT_NE(fit.notes.back().find("instruments exceed the 10 groups"), std::string::npos) << fit.notes.back();
}

TEST(DynamicGmm, TooFewInstrumentsIsAnError) {
    const SimulatedPanel data(20, 6, 0.5, 1.0, 9);
    auto options = options_with({"y:3-3"});
    options.panel.collapse = true;  // one instrument for two lags of y
    try {
        data.fit("y ~ l(y, 1:2)", options, "diff-gmm");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("1 instruments for 2 coefficients"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace gvcpanel::estimators
