// PPML with absorbed firm effects against R's glm with firm dummies (and sandwich), values read
// from tests/reference/expected/synthetic_poisson_fe.json (the file records the call).
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "data/read.hpp"
#include "estimators/glm/glm_hdfe.hpp"
#include "estimators/infer.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel {
namespace {

using estimators::Estimate;
using gvcpanel::testing::reference_data;

// The issue asks for coefficients to 1e-8 and standard errors to 1e-6; glm stopped at epsilon
// 1e-16 and printed 17 digits, and the IRLS here is run to a deviance change of 1e-14.
constexpr double kPpmlCoefRtol = 1e-8;
constexpr double kPpmlSeRtol = 1e-6;

std::vector<double> se_of(const Estimate& fit, estimators::inference::VcovSpec vcov) {
    estimators::InferenceOptions options;
    options.vcov = vcov;
    std::vector<double> se;
    for (const auto& row : estimators::infer(fit, options).coef) se.push_back(row.se);
    return se;
}

TEST(GlmHdfeReference, SyntheticPoissonWithAbsorbedFirmEffects) {
    const auto ref = testing::expected("synthetic_poisson_fe");
    const data::Frame frame = data::read_csv(reference_data("synthetic_panel.csv"));
    models::ModelSpec spec = models::parse_model("y_cnt ~ x1 + x2 | firm");
    spec.clusters = {"firm"};
    estimators::GlmHdfeOptions options;
    options.tolerance = 1e-14;
    options.demean_tolerance = 1e-13;
    const Estimate fit = estimators::glm_hdfe(models::build_design(spec, frame), models::Family::poisson, options);
    ASSERT_TRUE(fit.converged) << fit.convergence_message;
    // Two firms have only zero counts: their 16 rows are dropped (glm's sample excludes them).
    EXPECT_EQ(fit.sample.dropped.separated, 16u);
    EXPECT_EQ(fit.nobs, ref["stats"]["nobs"].get<std::size_t>());
    EXPECT_EQ(fit.df_fe, ref["stats"]["n_groups"].get<std::size_t>());
    EXPECT_CLOSE("loglik", fit.stats["loglik"].get<double>(), ref["stats"]["loglik"].get<double>(), kPpmlCoefRtol);
    EXPECT_CLOSE("deviance", fit.stats["deviance"].get<double>(), ref["stats"]["deviance"].get<double>(), kPpmlCoefRtol);
    const auto cluster = se_of(fit, estimators::inference::VcovSpec::cluster({"firm"}));
    const auto hc0 = se_of(fit, estimators::inference::VcovSpec::hc(0));
    ASSERT_EQ(fit.names, (std::vector<std::string>{"x1", "x2"}));
    for (std::size_t j = 0; j < 2; ++j) {
        const std::string& name = fit.names[j];
        EXPECT_CLOSE(name, fit.coef(j), ref["coef"][name].get<double>(), kPpmlCoefRtol);
        EXPECT_CLOSE(name + " iid", std::sqrt(fit.bread(j, j)), ref["se"]["classical"][name].get<double>(), kPpmlSeRtol);
        EXPECT_CLOSE(name + " cluster", cluster[j], ref["se"]["cluster_firm_G"][name].get<double>(), kPpmlSeRtol);
        EXPECT_CLOSE(name + " hc0", hc0[j], ref["se"]["HC0"][name].get<double>(), kPpmlSeRtol);
    }
}

}  // namespace
}  // namespace gvcpanel
