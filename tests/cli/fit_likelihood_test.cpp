// The likelihood estimators through the command-line path (cli::run_model with a ModelRequest, as
// `gvcpanel fit` and the batch runner call it): Tobit against AER::tobit with the reference call's
// limits, negbin against MASS::glm.nb, ordered logit and fractional logit against the direct
// estimators::mle call and R, batch fields reaching the fit, and the errors of bad limits and of
// fixed effects for a family that cannot absorb them.
#include "cli/fit_likelihood.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli/batch_fields.hpp"
#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/infer.hpp"
#include "estimators/likelihood/mle.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// The agreement with the peers' 17-digit output (as tests/reference/mle_reference_test.cpp).
constexpr double kMleCoefRtol = 1e-7;
constexpr double kMleSeRtol = 1e-6;
// The R script takes the joint negbin information from optimHess, a finite-difference Hessian.
constexpr double kNumericHessianRtol = 1e-4;

// tests/fixtures/mle/reference_values.R (MASS 7.3-58.2, R 4.2.2) records each call beside its values.
nlohmann::json r_values() { return testing::read_json(fixture("mle/reference_values.json")); }

ModelRequest request(const std::string& estimator, const std::string& model) {
    ModelRequest r;
    r.estimator = estimator;
    r.model = model;
    return r;
}

double ancillary(const estimators::Result& result, const std::string& name) {
    for (const auto& a : result.ancillary)
        if (a.name == name) return a.estimate;
    ADD_FAILURE() << "no ancillary parameter " << name;
    return 0;
}

const char* kAffairsFormula = "affairs ~ age + yearsmarried + religiousness + occupation + rating";

TEST(FitLikelihood, TobitWithTheReferenceLimitsMatchesAerTobit) {
    // R 4.2.2, AER 1.2.10: AER::tobit(affairs ~ ..., left = 0) (right = Inf), the call in the file.
    const auto ref = testing::expected("affairs_tobit");
    const data::Frame frame = data::read_csv(reference_data("affairs.csv"));
    ModelRequest tobit = request("tobit", kAffairsFormula);
    tobit.left = "0";
    tobit.right = "inf";
    for (const std::string& vcov : std::vector<std::string>{"iid", "hc0"}) {
        SCOPED_TRACE(vcov);
        tobit.vcov = vcov;
        const estimators::Result result = run_model(tobit, frame);
        ASSERT_TRUE(result.converged) << result.convergence_message;
        EXPECT_EQ(result.nobs, ref["stats"]["nobs"].get<std::size_t>());
        const auto& se = ref["se"][vcov == "iid" ? "classical" : "HC0"];
        for (const auto& row : result.coef) {
            EXPECT_CLOSE(row.name, row.estimate, ref["coef"][row.name].get<double>(), kMleCoefRtol);
            EXPECT_CLOSE(row.name + " se", row.se, se[row.name].get<double>(), kMleSeRtol);
        }
        EXPECT_CLOSE("sigma", ancillary(result, "sigma"), ref["stats"]["scale"].get<double>(), kMleCoefRtol);
        EXPECT_CLOSE("loglik", result.stats["loglik"].get<double>(), ref["stats"]["loglik"].get<double>(),
                     kMleCoefRtol);
    }
}

TEST(FitLikelihood, BatchFieldsReachTheFit) {
    // The batch runner sets the same fields from text: a Tobit with an upper limit only must differ
    // from the default (left = 0) and equal the direct call with the same limit.
    const data::Frame frame = data::read_csv(reference_data("affairs.csv"));
    ModelRequest batch = request("tobit", kAffairsFormula);
    set_request_field(batch, "right", "10");
    set_request_field(batch, "info", "observed");
    const estimators::Result result = run_model(batch, frame);

    estimators::MleOptions options;
    options.right = 10.0;
    const auto direct = estimators::mle(
        models::build_design(models::parse_model(kAffairsFormula), frame), models::Family::tobit, options);
    ASSERT_EQ(result.coef.size(), direct.k());
    for (std::size_t j = 0; j < direct.k(); ++j) EXPECT_EQ(result.coef[j].estimate, direct.coef(j)) << direct.names[j];
    const double default_age = run_model(request("tobit", kAffairsFormula), frame).coefficient("age").estimate;
    EXPECT_NE(result.coefficient("age").estimate, default_age);
}

TEST(FitLikelihood, NegativeBinomialMatchesGlmNb) {
    const auto ref = r_values()["negbin"];  // glm.nb(trips ~ quality + income + costs, data = rd)
    const data::Frame frame = data::read_csv(reference_data("recreationdemand.csv"));
    ModelRequest negbin = request("negbin", "trips ~ quality + income + costs");
    const estimators::Result observed = run_model(negbin, frame);
    ASSERT_TRUE(observed.converged) << observed.convergence_message;
    for (const auto& row : observed.coef) {
        EXPECT_CLOSE(row.name, row.estimate, ref["coef"][row.name].get<double>(), kMleCoefRtol);
        EXPECT_CLOSE(row.name + " se", row.se, ref["se_oim_joint"][row.name].get<double>(), kNumericHessianRtol);
    }
    EXPECT_CLOSE("alpha", ancillary(observed, "alpha"), ref["alpha"].get<double>(), kMleCoefRtol);
    negbin.info = "expected";  // MASS::glm.nb's vcov: the expected information given alpha
    const estimators::Result expected = run_model(negbin, frame);
    for (const auto& row : expected.coef)
        EXPECT_CLOSE(row.name + " se", row.se, ref["se_expected"][row.name].get<double>(), kMleSeRtol);
}

TEST(FitLikelihood, OrderedLogitIsTheDirectMle) {
    data::Frame frame = data::read_csv(reference_data("recreationdemand.csv"));
    std::vector<double> category;  // as reference_values.R: trips grouped into 0, 1-2, 3+
    for (double trips : frame.column("trips").to_doubles()) category.push_back(trips == 0 ? 1 : trips <= 2 ? 2 : 3);
    frame.add(data::Column::numeric("tcat", category));
    const std::string formula = "tcat ~ quality + income + costs";
    const estimators::Result result = run_model(request("ologit", formula), frame);
    const auto direct = estimators::infer(
        estimators::mle(models::build_design(models::parse_model(formula), frame), models::Family::ologit), {});
    ASSERT_EQ(result.coef.size(), direct.coef.size());
    for (std::size_t j = 0; j < direct.coef.size(); ++j) {
        EXPECT_EQ(result.coef[j].name, direct.coef[j].name);
        EXPECT_EQ(result.coef[j].estimate, direct.coef[j].estimate) << direct.coef[j].name;
        EXPECT_EQ(result.coef[j].se, direct.coef[j].se) << direct.coef[j].name;
    }
    ASSERT_EQ(result.ancillary.size(), 2u);
    EXPECT_EQ(result.ancillary[0].name, "cut1");
    // polr maximises with BFGS: ours must be at least its maximum (R value in the fixture).
    EXPECT_GE(result.stats["loglik"].get<double>(), r_values()["polr_logistic"]["loglik"].get<double>());
}

TEST(FitLikelihood, FractionalLogitMatchesQuasibinomialSandwich) {
    const auto ref = r_values()["fraclogit"];  // glm(share ~ x1 + x2, quasibinomial), sandwich()
    data::Frame frame = data::read_csv(reference_data("synthetic_panel.csv"));
    const std::vector<double> y = frame.column("y_cens").to_doubles();
    const double top = *std::max_element(y.begin(), y.end());
    std::vector<double> share;
    for (double v : y) share.push_back(v / top);
    frame.add(data::Column::numeric("share", share));
    ModelRequest fraclogit = request("fraclogit", "share ~ x1 + x2");
    fraclogit.info = "expected";  // sandwich() on a glm takes the expected information as bread
    fraclogit.vcov = "hc0";
    const estimators::Result result = run_model(fraclogit, frame);
    for (const auto& row : result.coef) {
        EXPECT_CLOSE(row.name, row.estimate, ref["coef"][row.name].get<double>(), kMleCoefRtol);
        EXPECT_CLOSE(row.name + " hc0", row.se, ref["se_hc0"][row.name].get<double>(), kMleSeRtol);
    }
}

std::string error_of(const ModelRequest& r, const data::Frame& frame) {
    try {
        run_model(r, frame);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(FitLikelihood, LimitThatIsNotANumberIsAnErrorNamingTheFlag) {
    const data::Frame frame = data::read_csv(reference_data("affairs.csv"));
    ModelRequest tobit = request("tobit", kAffairsFormula);
    tobit.left = "zero";
    EXPECT_EQ(error_of(tobit, frame), "--left: 'zero' is not a number");
    tobit.left = "0";
    tobit.right = "5x";
    EXPECT_EQ(error_of(tobit, frame), "--right: '5x' is not a number");
    tobit.right = "-1";
    EXPECT_NE(error_of(tobit, frame).find("must be below --right"), std::string::npos);
    ModelRequest logit = request("poisson", kAffairsFormula);
    logit.left = "0";
    EXPECT_EQ(error_of(logit, frame), "--left: censoring limits are for --estimator tobit, not poisson");
}

TEST(FitLikelihood, FixedEffectsWithoutAnIrlsPathSuggestDummies) {
    const data::Frame frame = data::read_csv(reference_data("synthetic_panel.csv"));
    const std::string message = error_of(request("negbin", "y_cnt ~ x1 + x2 | firm"), frame);
    EXPECT_NE(message.find("negbin: fixed effects"), std::string::npos) << message;
    EXPECT_NE(message.find("i(firm)"), std::string::npos) << message;
    // Poisson has the IRLS path: the same formula fits.
    EXPECT_TRUE(run_model(request("poisson", "y_cnt ~ x1 + x2 | firm"), frame).converged);
}

TEST(FitLikelihood, VaryingSlopesAreRefusedByTheIrlsPath) {
    const data::Frame frame = data::read_csv(reference_data("synthetic_panel.csv"));
    for (const char* estimator : {"poisson", "logit"}) {
        const std::string message = error_of(request(estimator, "y_bin ~ x1 + x2 | firm[year]"), frame);
        EXPECT_NE(message.find("varying slopes ('firm[year]') are absorbed only by --estimator ols"),
                  std::string::npos) << message;
    }
}

}  // namespace
}  // namespace gvcpanel::cli
