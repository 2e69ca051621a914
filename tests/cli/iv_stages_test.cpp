// --first-stage and --reduced-form (cli/iv_stages): the extra models of an IV fit against fixest's own
// first stage (summary(m, stage = 1)), its first-stage Wald test under the fit's covariance
// (fitstat(m, "ivwald1")) and its reduced form (tests/fixtures/iv/iv_stages.R records each call);
// against AER's first-stage F; against the IV fit's own first_stage_f test (iid, HC1); and the table
// they make.
#include "cli/iv_stages.hpp"

#include <gtest/gtest.h>

#include "cli/output.hpp"
#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/read.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

using testing::kCoefRtol;
using testing::kSeRtol;
using testing::kStatRtol;

const data::Frame& cigarettes() {
    static const data::Frame frame = data::read_csv(testing::reference_data("cigarettessw.csv"));
    return frame;
}

ModelRequest iv_request(const std::string& model, const std::string& vcov) {
    ModelRequest request;
    request.model = model;
    request.vcov = vcov;
    return request;
}

void expect_matches(const estimators::Result& result, const nlohmann::json& expected, const std::string& what) {
    EXPECT_EQ(result.nobs, expected.at("nobs").get<std::size_t>()) << what;
    ASSERT_EQ(result.coef.size(), expected.at("coef").size()) << what;
    for (const auto& [name, value] : expected.at("coef").items()) {
        const auto& row = result.coefficient(name);
        EXPECT_CLOSE(what + " " + name, row.estimate, value.get<double>(), kCoefRtol);
        EXPECT_CLOSE(what + " se " + name, row.se, expected.at("se").at(name).get<double>(), kSeRtol);
    }
}

struct Case {
    const char* name;
    const char* model;
    const char* vcov;
    const char* subset;
};

TEST(IvStages, FirstStageAndReducedFormEqualFixest) {
    const auto reference = testing::read_json(testing::fixture("iv/iv_stages.json"));
    const Case cases[] = {
        {"fe_cluster", "log(packs) ~ log(rincome) | state + year | log(rprice) ~ tdiff + rtax", "cluster:state", ""},
        {"cross_section_hc1", "log(packs) ~ log(rincome) | log(rprice) ~ tdiff + rtax", "hc1", "year == 1995"},
    };
    for (const auto& c : cases) {
        auto request = iv_request(c.model, c.vcov);
        request.subset = c.subset;
        const auto stages = iv_stages(request, cigarettes(), true, true);
        ASSERT_EQ(stages.size(), 2u);
        const auto& expected = reference.at(c.name);
        EXPECT_EQ(stages[0].stage, "first_stage");
        EXPECT_EQ(stages[0].outcome, "log(rprice)");
        EXPECT_EQ(stages[0].vcov, c.vcov);
        expect_matches(stages[0], expected.at("first_stage"), std::string(c.name) + " first stage");
        EXPECT_EQ(stages[1].stage, "reduced_form");
        EXPECT_EQ(stages[1].outcome, "log(packs)");
        expect_matches(stages[1], expected.at("reduced_form"), std::string(c.name) + " reduced form");

        // The Wald statistic on the instruments under the fit's covariance: fixest's ivwald1 (its
        // denominator df is N - K; ours is the covariance's t df, G - 1 when clustered).
        const auto* wald = stages[0].test("first_stage_f:log(rprice)");
        ASSERT_NE(wald, nullptr);
        const auto& fixest_wald = expected.at("first_stage").at("wald");
        EXPECT_CLOSE(std::string(c.name) + " first-stage F", wald->stat, fixest_wald.at("stat").get<double>(), kStatRtol);
        EXPECT_EQ(wald->df[0], fixest_wald.at("df1").get<double>());
        EXPECT_NE(stages[1].test("wald"), nullptr);
    }
}

// The IV fit's own first_stage_f, computed on the system partialled by Frisch-Waugh-Lovell, is the
// same Wald test under iid and HC1 covariances. (Clustered, its (N-1)/(N-K*) factor counts one
// parameter fewer than fixest's ivwald1 and the first-stage model, which agree with each other
// above: 91.67 against 90.67 here; that is the IV diagnostics' small-sample count, not the stage's.)
TEST(IvStages, FirstStageFEqualsTheIvFitsOwn) {
    for (const char* model : {"log(packs) ~ log(rincome) | state + year | log(rprice) ~ tdiff + rtax",
                              "log(packs) ~ log(rincome) | log(rprice) ~ tdiff + rtax"})
        for (const char* vcov : {"iid", "hc1"}) {
            const auto request = iv_request(model, vcov);
            const auto iv = run_model(request, cigarettes());
            const auto stages = iv_stages(request, cigarettes(), true, false);
            const auto* own = iv.test("first_stage_f:log(rprice)");
            const auto* stage = stages.at(0).test("first_stage_f:log(rprice)");
            ASSERT_NE(own, nullptr);
            ASSERT_NE(stage, nullptr);
            EXPECT_CLOSE(std::string(model) + " " + vcov, stage->stat, own->stat, kStatRtol);
            EXPECT_EQ(stage->df, own->df);
        }
}

TEST(IvStages, FirstStageFEqualsAer) {
    // R 4.2.2, AER 1.2-10: tests/reference/expected/cigarettessw_ivreg_just.json, first_stage_F(_HC1).
    const auto expected = testing::expected("cigarettessw_ivreg_just").at("tests");
    for (const auto& [vcov, key] : {std::pair{"iid", "first_stage_F"}, std::pair{"hc1", "first_stage_F_HC1"}}) {
        auto request = iv_request("log(packs) ~ 1 | log(rprice) ~ tdiff", vcov);
        request.subset = "year == 1995";
        const auto stages = iv_stages(request, cigarettes(), true, false);
        ASSERT_EQ(stages.size(), 1u);
        const auto* f = stages[0].test("first_stage_f:log(rprice)");
        ASSERT_NE(f, nullptr);
        EXPECT_CLOSE(key, f->stat, expected.at(key).at("stat").get<double>(), kStatRtol);
        EXPECT_EQ(f->df, (std::vector<double>{1, 46}));
    }
}

TEST(IvStages, OneFirstStagePerEndogenousRegressorOnTheIvSample) {
    auto request = iv_request("log(packs) ~ 1 | log(rprice) + log(rincome) ~ tdiff + rtax + I(cpi^2)", "iid");
    const auto iv = run_model(request, cigarettes());
    const auto stages = iv_stages(request, cigarettes(), true, false);
    ASSERT_EQ(stages.size(), 2u);
    EXPECT_EQ(stages[0].outcome, "log(rprice)");
    EXPECT_EQ(stages[1].outcome, "log(rincome)");
    for (const auto& stage : stages) {
        EXPECT_EQ(stage.nobs, iv.nobs);
        ASSERT_NE(stage.test("first_stage_f:" + stage.outcome), nullptr);
        ASSERT_NE(iv.test("first_stage_f:" + stage.outcome), nullptr);
        EXPECT_CLOSE(stage.outcome, stage.test("first_stage_f:" + stage.outcome)->stat,
                     iv.test("first_stage_f:" + stage.outcome)->stat, kStatRtol);
        EXPECT_TRUE(stage.stats.contains("y_mean"));
    }
}

TEST(IvStages, TableHasAColumnPerStage) {
    auto request = iv_request("log(packs) ~ log(rincome) | state + year | log(rprice) ~ tdiff + rtax", "cluster:state");
    std::vector<estimators::Result> results = {run_model(request, cigarettes())};
    for (auto& stage : iv_stages(request, cigarettes(), true, true)) results.push_back(std::move(stage));
    const std::string table = render_results(results, OutputFormat::md);
    EXPECT_NE(table.find("| Estimator"), std::string::npos) << table;
    EXPECT_NE(table.find("2SLS"), std::string::npos) << table;
    EXPECT_NE(table.find("First stage"), std::string::npos) << table;
    EXPECT_NE(table.find("Reduced form"), std::string::npos) << table;
    const std::string json = render_results(results, OutputFormat::json);
    EXPECT_NE(json.find("\"stage\": \"first_stage\""), std::string::npos);
    EXPECT_NE(json.find("\"stage\": \"reduced_form\""), std::string::npos);
}

TEST(IvStages, OnlyForIvFits) {
    EXPECT_THROW(require_iv_stages(iv_request("log(packs) ~ log(rincome)", "iid"), "--first-stage"), Error);
    auto gmm = iv_request("log(packs) ~ 1 | log(rprice) ~ tdiff", "iid");
    EXPECT_NO_THROW(require_iv_stages(gmm, "--first-stage"));
    gmm.estimator = "ols";
    EXPECT_THROW(require_iv_stages(gmm, "--reduced-form"), Error);
    auto resampled = iv_request("log(packs) ~ 1 | log(rprice) ~ tdiff", "jackknife");
    EXPECT_THROW(require_iv_stages(resampled, "--first-stage"), Error);
}

}  // namespace
}  // namespace gvcpanel::cli
