// The batch runner against separate fits: specifications that share one fit (the same sample and
// fixed effects under several covariances) or its work (levels, samples, demeaned columns) get
// exactly the results of one run_model call each, with one job or several; also when a cluster
// variable with missing values or an IV estimator (its first-stage tests follow the covariance)
// keeps them from sharing a fit, when a control with gaps shrinks the sample of some steps, with
// and without weights, and for Poisson beside OLS on the same sample.
#include "cli/batch_run.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "cli/batch_spec.hpp"
#include "cli/run_model.hpp"
#include "data/simulate.hpp"
#include "estimators/result.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

const char* const kSpec = R"(
simulate = { firms = 300, years = 8, seed = 11 }
panel = "firm,year"
[defaults]
interest = ["export_share"]
[[model]]
name = "shared"
outcome = "log_tfp"
terms = "export_share"
csw0 = ["size", "capital_intensity", "age"]
fixed_effects = "firm + year"
vcov = ["cluster:firm", "hc1"]
subset = ["", "year >= 2003"]
[[model]]
name = "region has gaps"
formula = "log_tfp ~ export_share + size | firm + year"
vcov = ["hc1", "cluster:region", "cluster:firm"]
[[model]]
name = "iv"
formula = "log_tfp ~ size | firm + year | gvc_participation ~ tariff_shock"
vcov = ["hc1", "cluster:firm"]
[[model]]
name = "weighted and other estimators"
outcome = "patents"
terms = "export_share"
sw = ["size", "capital_intensity"]
fixed_effects = "firm + year"
weights = ["", "age"]
estimator = ["ols", "poisson"]
vcov = "cluster:firm"
)";

class BatchRun : public ::testing::TestWithParam<int> {};

TEST_P(BatchRun, SharedFitsEqualSeparateFits) {
    const auto spec = parse_batch_spec(kSpec, "spec.toml", "");
    auto frame = data::simulate(spec.simulation).frame;
    auto& region = frame.column("region").codes;
    for (std::size_t row = 0; row < region.size(); row += 37) region[row] = data::kMissingCode;
    auto& capital = frame.column("capital_intensity").numbers;
    for (std::size_t row = 0; row < capital.size(); row += 29) capital[row] = std::nan("");
    const auto specs = expand(spec, "0123", {});
    ASSERT_EQ(specs.size(), 4u * 2u * 2u + 3u + 2u + 2u * 2u * 2u);

    const std::string path = testing::temp_dir() + "/results.jsonl";
    {
        ResultStore store(path);
        BatchRunOptions options;
        options.jobs = GetParam();  // with several, each fit runs on one thread; alone below, on all
        const auto counts = run_specifications(specs, frame, {}, store, options);
        EXPECT_EQ(counts.estimated, specs.size());
        EXPECT_EQ(counts.failed, 0u);
    }
    const auto stored = read_store(path);
    for (const auto& item : specs) {
        SCOPED_TRACE(item.request.model + " subset " + item.request.subset + " vcov " + item.request.vcov);
        const auto& line = stored.at(item.id);
        const auto separate = estimators::to_json(run_model(item.request, frame));
        ASSERT_TRUE(line.contains("coef"));
        EXPECT_EQ(line["nobs"], separate["nobs"]);
        EXPECT_EQ(line["vcov"], separate["vcov"]);
        EXPECT_EQ(line["coef"], separate["coef"]);  // every estimate, SE, statistic and interval, bit for bit
        EXPECT_EQ(line["vcov_matrix"], separate["vcov_matrix"]);
        EXPECT_EQ(line["stats"], separate["stats"]);
        EXPECT_EQ(line["tests"], separate["tests"]);
    }
    // The gaps in region shrink only the sample clustered by region.
    const auto nobs = [&](const std::string& vcov) {
        for (const auto& item : specs)
            if (item.model == "region has gaps" && item.request.vcov == vcov) return stored.at(item.id)["nobs"];
        return nlohmann::ordered_json();
    };
    EXPECT_LT(nobs("cluster:region"), nobs("hc1"));
}

INSTANTIATE_TEST_SUITE_P(Jobs, BatchRun, ::testing::Values(1, 2));

}  // namespace
}  // namespace gvcpanel::cli
