// 2SLS against AER::ivreg (R 4.2.2, AER 1.2-10, sandwich 3.0-2, lmtest 0.9-40) on Stock and
// Watson's cigarette demand (CigarettesSW): the just-identified case of the shared reference set
// (cigarettessw_ivreg_just.json) and, from tests/fixtures/iv/cigarettes_iv.json (computed by
// tests/fixtures/iv/cigarettes_iv.R, calls recorded in the file), an over-identified case and a
// two-way fixed-effects case (ivreg with state and year dummies, which FWL makes equal).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "estimators/iv/iv.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/test_results.hpp"

namespace gvcpanel::estimators {
namespace {

using testing::kCoefRtol;
using testing::kSeRtol;
using testing::kStatRtol;

using testing::read_json;

const data::Frame& cigarettes() {
    static const data::Frame frame = data::read_csv(testing::reference_data("cigarettessw.csv"));
    return frame;
}

models::Design design(const std::string& formula, const std::string& subset, const std::string& cluster = "") {
    auto spec = models::parse_model(formula);
    spec.subset = subset;
    if (!cluster.empty()) spec.clusters = {cluster};
    return models::build_design(spec, cigarettes());
}

IvOptions options_for(const std::string& vcov, const std::string& ssc = "fixest") {
    IvOptions options;
    options.diagnostics_vcov = inference::parse_vcov(vcov);
    options.diagnostics_ssc = inference::parse_ssc(ssc);
    return options;
}

Result fit(const models::Design& d, const std::string& vcov, const std::string& ssc = "fixest") {
    InferenceOptions inference_options;
    inference_options.vcov = inference::parse_vcov(vcov);
    inference_options.ssc = inference::parse_ssc(ssc);
    return infer(two_stage_least_squares(d, options_for(vcov, ssc)), inference_options);
}

using testing::test_named;

void check_coefficients(const Result& result, const nlohmann::json& coef, const nlohmann::json& se) {
    ASSERT_EQ(result.coef.size(), coef.size());
    for (const auto& row : result.coef) {
        EXPECT_CLOSE(row.name + " coef", row.estimate, coef.at(row.name).get<double>(), kCoefRtol);
        EXPECT_CLOSE(row.name + " se", row.se, se.at(row.name).get<double>(), kSeRtol);
    }
}

constexpr const char* kJust = "log(packs) ~ 1 | log(rprice) ~ tdiff";
constexpr const char* kOver = "log(packs) ~ log(rincome) | log(rprice) ~ tdiff + rtax";
constexpr const char* k1995 = "year == 1995";

TEST(IvReference, JustIdentifiedCoefficientsAndStandardErrors) {
    const auto peer = testing::expected("cigarettessw_ivreg_just");
    const auto d = design(kJust, k1995);
    for (const auto& [key, vcov] : {std::pair{"classical", "iid"}, {"HC0", "hc0"}, {"HC1", "hc1"}, {"HC3", "hc3"}}) {
        SCOPED_TRACE(key);
        const Result result = fit(d, vcov);
        check_coefficients(result, peer.at("coef"), peer.at("se").at(key));
        for (const auto& row : result.coef)
            EXPECT_CLOSE(row.name + " p", row.p, peer.at("pvalue").at(key).at(row.name).get<double>(), kStatRtol);
    }
}

TEST(IvReference, JustIdentifiedFirstStageAndDiagnostics) {
    const auto peer = testing::expected("cigarettessw_ivreg_just");
    const auto d = design(kJust, k1995);
    const Estimate iid = two_stage_least_squares(d, options_for("iid"));
    const auto& stage = iid.stats.at("first_stage").at("log(rprice)");
    for (const auto& [name, value] : peer.at("stats").at("first_stage_coef").items())
        EXPECT_CLOSE("first stage " + name, stage.at("coef").at(name).get<double>(), value.get<double>(), kCoefRtol);
    // One endogenous regressor with only the intercept exogenous: partial R2 = the first-stage R2.
    EXPECT_CLOSE("partial r2", stage.at("partial_r2").get<double>(),
                 peer.at("stats").at("first_stage_r2").get<double>(), kStatRtol);
    const double f = peer.at("tests").at("first_stage_F").at("stat").get<double>();
    const auto& first = test_named(iid.tests, "first_stage_f:log(rprice)");
    EXPECT_CLOSE("first-stage F", first.stat, f, kStatRtol);
    EXPECT_CLOSE("first-stage F p", first.p, peer.at("tests").at("first_stage_F").at("p").get<double>(), kStatRtol);
    EXPECT_EQ(first.df, (std::vector<double>{1, 46}));
    // With one endogenous regressor every weak-identification F is the first-stage F (iid).
    for (const char* name : {"cragg_donald_f", "kp_rk_wald_f", "sw_f:log(rprice)"})
        EXPECT_CLOSE(name, test_named(iid.tests, name).stat,
                     peer.at("tests").at("diag_weak_instruments").at("stat").get<double>(), kStatRtol);
    const auto& wu = test_named(iid.tests, "endogeneity");
    EXPECT_CLOSE("Wu-Hausman", wu.stat, peer.at("tests").at("diag_wu_hausman").at("stat").get<double>(), kStatRtol);
    EXPECT_CLOSE("Wu-Hausman p", wu.p, peer.at("tests").at("diag_wu_hausman").at("p").get<double>(), kStatRtol);
    EXPECT_EQ(wu.df, (std::vector<double>{1, 45}));
    for (const auto& test : iid.tests) EXPECT_NE(test.name, "sargan") << "exactly identified";

    const Estimate robust = two_stage_least_squares(d, options_for("hc1"));
    EXPECT_CLOSE("first-stage F HC1", test_named(robust.tests, "first_stage_f:log(rprice)").stat,
                 peer.at("tests").at("first_stage_F_HC1").at("stat").get<double>(), kStatRtol);
}

TEST(IvReference, OverIdentified) {
    const auto peer = read_json(testing::fixture("iv/cigarettes_iv.json")).at("over");
    const auto d = design(kOver, k1995);
    check_coefficients(fit(d, "iid"), peer.at("coef"), peer.at("se_classical"));
    check_coefficients(fit(d, "hc1"), peer.at("coef"), peer.at("se_HC1"));
    check_coefficients(fit(d, "hc3"), peer.at("coef"), peer.at("se_HC3"));
    const Estimate iid = two_stage_least_squares(d, options_for("iid"));
    const std::pair<const char*, const char*> stats[] = {
        {"first_stage_f:log(rprice)", "first_stage_f"}, {"cragg_donald_f", "weak_f"},
        {"endogeneity", "wu_hausman"}, {"sargan", "sargan"}, {"hansen", "hansen"}};
    for (const auto& [ours, theirs] : stats)
        EXPECT_CLOSE(ours, test_named(iid.tests, ours).stat, peer.at(theirs).get<double>(), kStatRtol);
    EXPECT_CLOSE("partial r2", iid.stats.at("first_stage").at("log(rprice)").at("partial_r2").get<double>(),
                 peer.at("partial_r2").get<double>(), kStatRtol);
    const Estimate robust = two_stage_least_squares(d, options_for("hc1"));
    EXPECT_CLOSE("first-stage F HC1", test_named(robust.tests, "first_stage_f:log(rprice)").stat,
                 peer.at("first_stage_f_HC1").get<double>(), kStatRtol);
}

TEST(IvReference, TwoWayFixedEffects) {
    const auto peer = read_json(testing::fixture("iv/cigarettes_iv.json")).at("fe");
    const auto formula = "log(packs) ~ log(rincome) | state + year | log(rprice) ~ tdiff + rtax";
    // Two observations per state: every one of them would be a singleton only with one year.
    const auto d = design(formula, "", "state");
    check_coefficients(fit(d, "iid"), peer.at("coef"), peer.at("se_classical"));
    // vcovCL on the dummy regression counts every dummy in K: --ssc areg.
    check_coefficients(fit(d, "cluster:state", "areg"), peer.at("coef"), peer.at("se_cluster_state"));
    const Estimate iid = two_stage_least_squares(d, options_for("iid"));
    const std::pair<const char*, const char*> stats[] = {
        {"first_stage_f:log(rprice)", "weak_f"}, {"endogeneity", "wu_hausman"}, {"sargan", "sargan"}};
    for (const auto& [ours, theirs] : stats)
        EXPECT_CLOSE(ours, test_named(iid.tests, ours).stat, peer.at(theirs).get<double>(), kStatRtol);
}

}  // namespace
}  // namespace gvcpanel::estimators
