// Partial effects against R (tests/fixtures/margins/margins.R: every derivative of the index written
// out by hand, delta-method gradients by hand and checked against numDeriv; and tests/fixtures/mle/
// reference_values.R for the swisslabor logit): an interaction, a square, a log, a five-level factor
// with an interaction, absorbed fixed effects (Poisson, logit) and effects at given values of other
// variables; a weighted fit against the same rows repeated.
#include "estimators/likelihood/margins.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "data/error.hpp"
#include "data/read.hpp"
#include "estimators/glm/glm_hdfe.hpp"
#include "estimators/infer.hpp"
#include "estimators/likelihood/mle.hpp"
#include "models/build_design.hpp"
#include "models/model_spec.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::estimators {
namespace {

using gvcpanel::testing::fixture;
using gvcpanel::testing::reference_data;

// glm ran to epsilon 1e-15 and our Newton to a decrement of 1e-20: effects share the coefficients'
// ~1e-10 agreement, checked at 1e-8 as the issue asks; their standard errors pass through the
// covariance (1e-6, as the issue asks).
constexpr double kEffectRtol = 1e-8;
constexpr double kEffectSeRtol = 1e-6;
// The swisslabor values of reference_values.R take the gradient by central differences (h = 1e-6,
// error ~1e-10 relative) from glm's default convergence: 1e-7 on the effects.
constexpr double kSwissEffectRtol = 1e-7;

const data::Frame& panel() {
    static const data::Frame frame = data::read_csv(fixture("simulated/panel_seed7.csv"));
    return frame;
}

const nlohmann::json& reference() {
    static const nlohmann::json json = testing::read_json(fixture("margins/margins.json"));
    return json;
}

struct Fitted {
    models::ModelSpec spec;
    models::Design design;
    Estimate fit;
};

Fitted fitted(const std::string& formula, models::Family family, const std::string& cluster = "") {
    Fitted f{models::parse_model(formula), {}, {}};
    if (!cluster.empty()) f.spec.clusters = {cluster};
    f.design = models::build_design(f.spec, panel());
    if (f.design.sample.fixed_effects.empty()) {
        f.fit = mle(f.design, family);
    } else {
        GlmHdfeOptions options;
        options.tolerance = 1e-14;
        options.demean_tolerance = 1e-13;
        f.fit = glm_hdfe(f.design, family, options);
    }
    EXPECT_TRUE(f.fit.converged) << f.fit.convergence_message;
    return f;
}

arma::mat covariance(const Estimate& fit, const std::string& vcov) {
    InferenceOptions options;
    options.vcov = inference::parse_vcov(vcov);
    return infer(fit, options).vcov_matrix;
}

std::vector<MarginRow> effects(const Fitted& f, models::Family family, const std::string& vcov,
                               const MarginsOptions& options = {}) {
    return partial_effects({f.spec.formula, panel(), nullptr, f.design}, family, f.fit, covariance(f.fit, vcov), options);
}

// Row by row against the R case: same names in the same order, effects and standard errors.
void expect_matches(const std::vector<MarginRow>& rows, const nlohmann::json& expected) {
    ASSERT_EQ(rows.size(), expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& e = expected[i];
        std::string label = e.at("name").get<std::string>();
        if (e.contains("at"))
            for (const auto& [variable, value] : e.at("at").items()) label += " at " + variable + "=" + value.dump();
        EXPECT_EQ(rows[i].name, e.at("name").get<std::string>()) << label;
        EXPECT_CLOSE(label, rows[i].effect, e.at("effect").get<double>(), kEffectRtol);
        EXPECT_CLOSE(label + " se", rows[i].se, e.at("se").get<double>(), kEffectSeRtol);
        if (e.contains("at")) {
            ASSERT_EQ(rows[i].at.size(), e.at("at").size()) << label;
            for (const auto& [variable, value] : rows[i].at) EXPECT_EQ(value, e.at("at").at(variable).get<double>()) << label;
        }
    }
}

TEST(Margins, InteractionTakesTheWholeIndexIntoAccount) {
    const auto& ref = reference().at("logit_interaction");
    const Fitted f = fitted(ref.at("formula").get<std::string>(), models::Family::logit, "firm");
    EXPECT_EQ(f.fit.nobs, ref.at("nobs").get<std::size_t>());
    // No row for the product term: its coefficient enters the effects of both variables.
    expect_matches(effects(f, models::Family::logit, "cluster:firm"), ref.at("margins"));
}

TEST(Margins, SquaresLogsAndFactorLevelsThroughTheirInteractions) {
    const auto& ref = reference().at("probit_factor");
    const Fitted f = fitted(ref.at("formula").get<std::string>(), models::Family::probit);
    EXPECT_EQ(f.fit.nobs, ref.at("nobs").get<std::size_t>());
    for (const auto& [name, value] : ref.at("coef").items()) {
        const auto j = std::find(f.fit.names.begin(), f.fit.names.end(), name) - f.fit.names.begin();
        ASSERT_LT(static_cast<std::size_t>(j), f.fit.names.size()) << name;
        EXPECT_CLOSE(name, f.fit.coef(j), value.get<double>(), kEffectRtol);
    }
    expect_matches(effects(f, models::Family::probit, "hc1"), ref.at("margins"));
}

TEST(Margins, AbsorbedFixedEffectsAreHeldAtTheirEstimates) {
    for (const auto& [name, family] : {std::pair{"poisson_fe", models::Family::poisson}, {"logit_fe", models::Family::logit}}) {
        SCOPED_TRACE(name);
        const auto& ref = reference().at(name);
        const Fitted f = fitted(ref.at("formula").get<std::string>(), family, "firm");
        EXPECT_EQ(f.fit.nobs, ref.at("nobs").get<std::size_t>());
        expect_matches(effects(f, family, "cluster:firm"), ref.at("margins"));
    }
}

TEST(Margins, EffectsAtGivenValuesOfOtherVariables) {
    const auto& ref = reference().at("logit_interaction_at");
    const Fitted f = fitted(reference().at("logit_interaction").at("formula").get<std::string>(), models::Family::logit, "firm");
    for (const char* which : {"one", "two"}) {
        SCOPED_TRACE(which);
        MarginsOptions options;
        options.at = parse_margins_at({ref.at(which).at("margins_at").get<std::string>()});
        expect_matches(effects(f, models::Family::logit, "cluster:firm", options), ref.at(which).at("margins"));
    }
}

TEST(Margins, ParseMarginsAtMakesTheProductFirstVariableSlowest) {
    const MarginsGrid grid = parse_margins_at({"z = 0, 1", "w = 2; v = -1.5, 3"});
    EXPECT_EQ(grid.variables, (std::vector<std::string>{"z", "w", "v"}));
    EXPECT_EQ(grid.points, (std::vector<std::vector<double>>{{0, 2, -1.5}, {0, 2, 3}, {1, 2, -1.5}, {1, 2, 3}}));
    EXPECT_EQ(parse_margins_at({"l(x,1) = 0.5"}).variables, std::vector<std::string>{"l(x,1)"});
    EXPECT_THROW(parse_margins_at({"z = 0, a"}), Error);
    EXPECT_THROW(parse_margins_at({"z 0"}), Error);
    EXPECT_THROW(parse_margins_at({"z = 1; z = 2"}), Error);
    const Fitted f = fitted("upgrade_event ~ gvc_participation + i(governance)", models::Family::logit);
    MarginsOptions at_factor;
    at_factor.at = parse_margins_at({"governance = 1"});
    EXPECT_THROW(effects(f, models::Family::logit, "iid", at_factor), Error);
    MarginsOptions unknown;
    unknown.at = parse_margins_at({"nothing = 1"});
    EXPECT_THROW(effects(f, models::Family::logit, "iid", unknown), Error);
}

TEST(Margins, WeightsAverageAsRepeatedRows) {
    // Weight 2 on every odd row = those rows twice: the same fit, the same average effects.
    data::Frame frame = panel();
    std::vector<double> weight(frame.rows());
    for (std::size_t i = 0; i < weight.size(); ++i) weight[i] = 1.0 + static_cast<double>(i % 2);
    frame.add(data::Column::numeric("w", weight));
    const std::string formula = "upgrade_event ~ gvc_participation*cluster_density + export_share";
    auto weighted_spec = models::parse_model(formula);
    weighted_spec.weights = "w";
    const models::Design weighted = models::build_design(weighted_spec, frame);
    data::Frame repeated;
    for (const auto& name : {"upgrade_event", "gvc_participation", "cluster_density", "export_share"}) {
        std::vector<double> values;
        const auto& column = frame.column(name);
        for (std::size_t i = 0; i < frame.rows(); ++i)
            for (std::size_t copy = 0; copy < static_cast<std::size_t>(weight[i]); ++copy) values.push_back(column.number(i));
        repeated.add(data::Column::numeric(name, values));
    }
    const auto spec = models::parse_model(formula);
    const models::Design copies = models::build_design(spec, repeated);
    const Estimate a = mle(weighted, models::Family::logit), b = mle(copies, models::Family::logit);
    const auto ea = average_partial_effects({weighted_spec.formula, frame, nullptr, weighted}, models::Family::logit, a);
    const auto eb = average_partial_effects({spec.formula, repeated, nullptr, copies}, models::Family::logit, b);
    ASSERT_EQ(ea.size(), eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i) EXPECT_CLOSE(ea[i].name, ea[i].value, eb[i].value, kEffectRtol);
}

TEST(Margins, SwissLaborLogitAgainstR) {
    const auto ref = testing::read_json(fixture("mle/reference_values.json"))["logit_ape"]["effects"];
    data::Frame frame = data::read_csv(reference_data("swisslabor.csv"));
    std::vector<double> y;
    for (std::size_t i = 0; i < frame.rows(); ++i) y.push_back(frame.column("participation").text(i) == "yes" ? 1.0 : 0.0);
    frame.set(data::Column::numeric("participation", y));
    const auto spec = models::parse_model("participation ~ income + age + I(age^2) + education + youngkids + oldkids + foreign");
    const models::Design design = models::build_design(spec, frame);
    const Estimate fit = mle(design, models::Family::logit);
    const auto rows = partial_effects({spec.formula, frame, nullptr, design}, models::Family::logit, fit, fit.bread);
    // One row per variable: age's comes from age and I(age^2) together.
    std::vector<std::string> names;
    for (const auto& row : rows) names.push_back(row.name);
    EXPECT_EQ(names, (std::vector<std::string>{"income", "age", "education", "youngkids", "oldkids", "foreign::yes"}));
    int checked = 0;
    for (const auto& row : rows) {
        if (!ref.contains(row.name)) continue;
        ++checked;
        EXPECT_CLOSE(row.name, row.effect, ref[row.name]["effect"].get<double>(), kSwissEffectRtol);
        EXPECT_CLOSE(row.name + " se", row.se, ref[row.name]["se"].get<double>(), kEffectSeRtol);
    }
    EXPECT_EQ(checked, 4);
    const auto json = margins_to_json(rows);
    EXPECT_EQ(json[0]["at"], "average");
    EXPECT_FALSE(json[0].contains("at_values"));
}

TEST(Margins, OrderedModelsAndWrongCovariancesAreRefused) {
    const Fitted f = fitted("upgrade_event ~ gvc_participation", models::Family::logit);
    const MarginsInput input{f.spec.formula, panel(), nullptr, f.design};
    EXPECT_THROW(partial_effects(input, models::Family::ologit, f.fit, f.fit.bread), Error);
    EXPECT_THROW(partial_effects(input, models::Family::logit, f.fit, arma::mat(3, 3)), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators
