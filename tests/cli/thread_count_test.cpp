// Results do not depend on the thread count: every estimator family fitted with one thread and with
// two gives the same result JSON, bit for bit (so that a batch resumed with another --jobs, or a
// fit rerun on another machine, reproduces every digit). The panel has 26,000 rows, more than the
// thresholds above which the likelihood, deviance and cross-product loops run in parallel (20,000
// rows) and above which OpenBLAS would split a dot product among its threads (10,000); the
// bootstrap's replicates are spread over the threads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "cli/run_model.hpp"
#include "cli/threads.hpp"
#include "data/simulate.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::cli {
namespace {

struct Case {
    std::string name;
    ModelRequest request;
};

ModelRequest request(const std::string& model, const std::string& estimator, const std::string& vcov = "iid") {
    ModelRequest r;
    r.model = model;
    r.estimator = estimator;
    r.vcov = vcov;
    r.panel = "firm,year";
    return r;
}

std::vector<Case> cases() {
    std::vector<Case> all = {
        {"ols", request("log_tfp ~ export_share + size + age", "ols", "cluster:firm")},
        {"ols weighted", request("log_tfp ~ export_share + size", "ols", "hc1")},
        {"within", request("log_tfp ~ export_share + size | firm + year", "ols", "cluster:firm")},
        {"re", request("log_tfp ~ export_share + size", "re")},
        {"be", request("log_tfp ~ export_share + size", "be")},
        {"fd", request("log_tfp ~ export_share + size", "fd", "cluster:firm")},
        {"2sls", request("log_tfp ~ size | firm + year | gvc_participation ~ tariff_shock", "2sls", "cluster:firm")},
        {"liml", request("log_tfp ~ size | gvc_participation ~ tariff_shock", "liml", "hc1")},
        {"gmm", request("log_tfp ~ size | gvc_participation ~ tariff_shock + cluster_density", "gmm", "hc1")},
        {"diff-gmm", request("log_tfp ~ l(log_tfp, 1) + size", "diff-gmm", "robust")},
        {"sys-gmm", request("log_tfp ~ l(log_tfp, 1) + size", "sys-gmm", "robust")},
        {"poisson", request("patents ~ export_share + size", "poisson", "hc1")},
        {"poisson fe", request("patents ~ export_share + size | firm + year", "poisson", "cluster:firm")},
        {"logit", request("upgrade_event ~ export_share + size", "logit")},
        {"logit fe", request("upgrade_event ~ export_share + size | firm", "logit")},
        {"probit", request("upgrade_event ~ export_share + size", "probit")},
        {"negbin", request("patents ~ export_share + size", "negbin")},
        {"tobit", request("dva_share ~ export_share + size", "tobit")},
        {"ologit", request("patents ~ export_share + size", "ologit")},
        {"fraclogit", request("dva_share ~ export_share + size", "fraclogit")},
        {"clogit", request("upgrade_event ~ export_share + size | firm", "clogit")},
        {"nls", request("log_tfp ~ b0 + b1 * export_share + b2 * size", "nls")},
    };
    all[1].request.weights = "age";
    all[5].request.diagnostics = true;
    for (auto* gmm : {&all[9].request, &all[10].request}) {
        gmm->gmm = {"log_tfp:2-4"};
        gmm->two_step = true;
    }
    all.back().request.start = "b0=0,b1=0,b2=0";
    // The resampling engine's replicates run in parallel too (each refit on one thread).
    Case bootstrap{"within, cluster bootstrap", request("log_tfp ~ export_share + size | firm + year", "ols")};
    bootstrap.request.bootstrap = "cluster:firm:20";
    all.push_back(bootstrap);
    return all;
}

TEST(ThreadCount, EveryEstimatorGivesTheSameDigitsOnOneAndTwoThreads) {
    data::SimulationOptions options;
    options.firms = 3000;
    options.years = 12;
    options.seed = 2;
    const auto frame = data::simulate(options).frame;
    ASSERT_GT(frame.rows(), 25000u);
    for (const auto& [name, base] : cases()) {
        SCOPED_TRACE(name);
        std::string json[2];
        for (int threads : {1, 2}) {
            ModelRequest one = base;
            one.threads = threads;
            set_threads(threads);
            const auto result = run_model(one, frame);
            EXPECT_TRUE(result.converged) << result.convergence_message;
            json[threads - 1] = estimators::to_json(result).dump();
        }
        EXPECT_EQ(json[0], json[1]);
    }
    set_threads(0);
}

}  // namespace
}  // namespace gvcpanel::cli
