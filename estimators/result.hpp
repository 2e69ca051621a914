// estimators::Result: a fitted model as plain data, in the JSON schema of conventions.md. Reports
// and the batch runner consume only this; `to_json` and `from_json` round-trip it exactly.
#pragma once

#include <armadillo>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "estimators/estimate.hpp"
#include "estimators/likelihood/margins.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

struct CoefRow {
    std::string name;
    double estimate = std::nan("");
    double se = std::nan("");
    double stat = std::nan("");
    double p = std::nan("");
    double ci_low = std::nan("");
    double ci_high = std::nan("");
    double beta = std::nan("");  // --beta: the standardised coefficient; NaN when not asked or undefined
    double weight = std::nan("");  // a decomposition's weight (Goodman-Bacon); absent from JSON when NaN
};

// --bootstrap: how the covariance was obtained from the replicates, and each coefficient's
// percentile, bias-corrected (BC) and accelerated (BCa) intervals (docs/resampling.md).
struct BootstrapInterval {
    std::string name;                       // the coefficient
    double percentile_low = std::nan(""), percentile_high = std::nan("");
    double bc_low = std::nan(""), bc_high = std::nan("");
    double bca_low = std::nan(""), bca_high = std::nan("");  // NaN when not computed
};

struct BootstrapSummary {
    std::string scheme;                     // "pairs" or "cluster:VAR"
    std::size_t replications = 0;           // B asked for
    std::size_t failed = 0;                 // replicates whose refit failed (left out)
    std::uint64_t seed = 0;
    double level = 0.95;
    std::vector<BootstrapInterval> intervals;
    std::vector<std::string> failures;      // the distinct failure messages (at most 5)
};

struct FixedEffectSummary {
    std::string name;
    std::int64_t levels = 0;
};

struct Result {
    std::string stage;                      // an IV fit's extra models: "first_stage", "reduced_form";
                                            //   empty for the model as asked
    std::string formula;
    std::string outcome;
    std::string estimator;
    std::string vcov;                       // the covariance type as text ("cluster:firm")
    std::string vcov_label;                 // what the standard errors are when the type's name would
                                            //   mislead (dynamic GMM's robust: clustered by entity)
    std::string ssc;                        // the small-sample settings as text ("fixest")
    std::size_t nobs = 0;
    models::Dropped dropped;
    std::vector<CoefRow> coef;
    std::vector<Ancillary> ancillary;
    arma::mat vcov_matrix;
    nlohmann::ordered_json stats = nlohmann::ordered_json::object();
    std::vector<FixedEffectSummary> fixed_effects;
    std::vector<TestResult> tests;
    std::vector<CoefRow> nlcom;              // --nlcom: delta-method rows (kind "nlcom"); empty without
    std::vector<MarginRow> margins;          // --margins: partial effects; empty without
    std::optional<BootstrapSummary> bootstrap;  // --bootstrap: replicates and intervals; absent without
    bool converged = true;
    std::string convergence_message;
    std::vector<std::string> notes;

    // The coefficient row of `name`; throws an Error listing the closest names.
    const CoefRow& coefficient(const std::string& name) const;
    // The test named `name`, or nullptr.
    const TestResult* test(const std::string& name) const;
};

nlohmann::ordered_json to_json(const Result& result);
// One entry of the result's `tests` (name, restriction, stat, df, p, note).
nlohmann::ordered_json to_json(const TestResult& test);
Result result_from_json(const nlohmann::ordered_json& json);

}  // namespace gvcpanel::estimators
