#include "cli/fit_did.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "data/error.hpp"
#include "estimators/did/callaway_santanna.hpp"
#include "estimators/did/event_study_pretrend.hpp"
#include "estimators/did/imputation.hpp"
#include "estimators/did/sun_abraham.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "models/build_design.hpp"

namespace gvcpanel::cli {

namespace {

double parse_number(const std::string& option, const std::string& text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        throw Error(option + " '" + text + "': expected a number");
    return value;
}

std::size_t parse_count(const std::string& option, const std::string& text) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        throw Error(option + " '" + text + "': expected a whole number of draws");
    return value;
}

const data::Column& numeric_column(const data::Frame& frame, const std::string& name, const std::string& option) {
    const auto& column = frame.column(name);
    if (column.type == data::ColumnType::categorical)
        throw Error(option + " " + name + ": the column holds text; it must hold periods as numbers");
    return column;
}

// The estimation sample's outcome, covariates (intercept first), weights, periods, cohorts and units;
// rows without a period (or, in a panel, a unit) are left out and counted as missing.
estimators::did::StaggeredInput staggered_input(models::Design& design, const data::Frame& frame,
                                                const data::PanelIndex* panel, const std::string& time,
                                                const std::string& cohort) {
    const auto& time_column = numeric_column(frame, time, panel ? "--panel" : "--time");
    const auto& cohort_column = numeric_column(frame, cohort, "--cohort");
    if (!design.has_intercept) design.X.insert_cols(0, arma::ones(design.X.n_rows));
    estimators::did::StaggeredInput in;
    std::vector<arma::uword> keep;
    const auto& rows = design.sample.rows;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double t = time_column.number(rows[i]);
        if (std::isnan(t) || (panel && design.sample.entity[i] == data::kMissingCode)) {
            ++design.sample.dropped.missing;
            continue;
        }
        keep.push_back(i);
        in.time.push_back(t);
        in.cohort.push_back(cohort_column.number(rows[i]));
        if (panel) in.unit.push_back(design.sample.entity[i]);
    }
    if (keep.empty()) throw Error("cs: no observation has a period");
    if (keep.size() == rows.size()) {  // the usual case: no copy
        in.y = std::move(design.y);
        in.X = std::move(design.X);
        in.weights = std::move(design.weights);
    } else {
        const arma::uvec index(keep);
        in.y = design.y.elem(index);
        in.X = design.X.rows(index);
        if (!design.weights.is_empty()) in.weights = design.weights.elem(index);
    }
    if (panel) in.unit_label = [panel](std::int32_t code) { return panel->entity_label(code); };
    design.X.reset();
    design.y.reset();
    return in;
}

estimators::Result fit_callaway_santanna(const models::ModelSpec& spec, const ModelRequest& request,
                                         const data::Frame& frame, const data::PanelIndex* panel) {
    if (!spec.formula.fixed_effects.empty() || spec.formula.has_iv())
        throw Error("--estimator cs: the formula is the outcome and its covariates (\"y ~ x1 + x2\", or \"y ~ 1\"); "
                    "differences remove the unit effects, so there is no fixed-effects or IV part");
    if (panel && !panel->has_time()) throw Error("--estimator cs: --panel needs the period too: --panel ID,TIME");
    if (!panel && request.time.empty())
        throw Error("--estimator cs needs --panel ID,TIME (panel data) or --time T (repeated cross-sections)");
    if (panel && !request.time.empty() && request.time != panel->time_name())
        throw Error("--time " + request.time + ": with --panel the period is " + panel->time_name());
    const auto vcov = estimators::inference::parse_vcov(request.vcov);
    const bool unit_cluster = vcov.clustered() && vcov.clusters.size() == 1 && panel &&
                              vcov.clusters[0] == panel->entity_name();
    if (vcov.type != estimators::inference::VcovType::iid && !unit_cluster)
        throw Error("--estimator cs: standard errors come from the influence functions, clustered on the unit" +
                    std::string(panel ? " (" + panel->entity_name() + ")" : "") + "; --vcov " + request.vcov +
                    " is not available (use --bootstrap B for the multiplier bootstrap)");

    estimators::did::CsOptions options;
    options.cells.control = estimators::did::parse_control_group(request.control.empty() ? "never" : request.control);
    const double anticipation = parse_number("--anticipation", request.anticipation);
    if (anticipation != std::floor(anticipation) || anticipation < 0 || anticipation > 1000)
        throw Error("--anticipation " + request.anticipation + ": expected a whole number of periods, 0 or more");
    options.cells.anticipation = int(anticipation);
    options.cells.method = estimators::did::parse_did_method(request.did_method);
    options.cells.base_period = estimators::did::parse_base_period(request.base_period);
    options.aggregation.type = estimators::did::parse_aggregation(request.agg.empty() ? "none" : request.agg);
    if (!request.min_e.empty()) options.aggregation.min_e = parse_number("--min-e", request.min_e);
    if (!request.max_e.empty()) options.aggregation.max_e = parse_number("--max-e", request.max_e);
    if (!request.bootstrap.empty()) options.bootstrap = parse_count("--bootstrap", request.bootstrap);
    options.seed = request.seed;
    options.validate();

    auto design = models::build_design(spec, frame, panel);
    const auto dropped = design.sample.dropped;
    const std::string time = panel ? panel->time_name() : request.time;
    auto in = staggered_input(design, frame, panel, time, request.cohort);
    const auto missing = design.sample.dropped.missing;
    const auto data = estimators::did::prepare_staggered(std::move(in), options.cells.control, options.cells.anticipation);
    auto result = estimators::did::callaway_santanna(data, options);
    result.formula = spec.formula.text;
    result.outcome = design.outcome;
    result.vcov = options.bootstrap ? "multiplier:" + std::to_string(options.bootstrap)
                                    : panel ? "cluster:" + panel->entity_name() : "influence";
    result.ssc = "none";
    result.dropped = dropped;
    result.dropped.missing = missing;
    if (panel) result.stats["n_clusters"] = {{panel->entity_name(), data.n_units}};
    return result;
}

// --horizons A:B (A may be negative: leads).
void parse_horizons(const std::string& text, estimators::did::ImputationOptions& options) {
    const auto colon = text.find(':');
    if (colon == std::string::npos)
        throw Error("--horizons '" + text + "': expected A:B, e.g. 0:5 (or -3:5 to report three leads)");
    const double first = parse_number("--horizons", text.substr(0, colon));
    const double last = parse_number("--horizons", text.substr(colon + 1));
    if (first != std::floor(first) || last != std::floor(last) || first > last)
        throw Error("--horizons '" + text + "': expected whole numbers A <= B");
    options.horizons_given = true;
    options.first_horizon = int(first);
    options.last_horizon = int(last);
}

estimators::Result fit_imputation(const models::ModelSpec& spec, const ModelRequest& request, const data::Frame& frame,
                                  const data::PanelIndex* panel) {
    if (!panel || !panel->has_time())
        throw Error("--estimator did-imputation needs --panel ID,TIME (the unit clusters the standard errors)");
    if (spec.formula.fixed_effects.empty() || spec.formula.has_iv())
        throw Error("--estimator did-imputation: the formula is the outcome, covariates and fixed effects, "
                    "e.g. \"y ~ x | id + year\" (no IV part)");
    const auto vcov = estimators::inference::parse_vcov(request.vcov);
    const bool unit_cluster = vcov.clustered() && vcov.clusters == std::vector<std::string>{panel->entity_name()};
    if (vcov.type != estimators::inference::VcovType::iid && !unit_cluster)
        throw Error("--estimator did-imputation: standard errors are Borusyak, Jaravel and Spiess's, clustered on the "
                    "unit (" + panel->entity_name() + "); --vcov " + request.vcov + " is not available");
    estimators::did::ImputationOptions options;
    if (!request.horizons.empty()) parse_horizons(request.horizons, options);
    options.unit_name = panel->entity_name();
    const auto design = models::build_design(spec, frame, panel);
    const auto& time_column = numeric_column(frame, panel->time_name(), "--panel");
    const auto& cohort_column = numeric_column(frame, request.cohort, "--cohort");
    std::vector<double> time, cohort;
    for (std::size_t row : design.sample.rows) {
        time.push_back(time_column.number(row));
        if (std::isnan(time.back()))
            throw Error("--panel " + panel->time_name() + ": missing in data row " + std::to_string(row + 1) +
                        " of the sample; leave such rows out with --subset");
        cohort.push_back(cohort_column.number(row));
    }
    return estimators::did::did_imputation(design, cohort, time, options);
}

}  // namespace

bool is_staggered_estimator(const std::string& estimator) { return estimator == "cs" || estimator == "did-imputation"; }

std::vector<std::string> staggered_columns(const ModelRequest& request) {
    std::vector<std::string> names;
    for (const auto* name : {&request.cohort, &request.time})
        if (!name->empty()) names.push_back(*name);
    return names;
}

estimators::InferenceOptions event_study_inference(const estimators::Estimate& estimate, const models::ModelSpec& spec,
                                                   const ModelRequest& request, estimators::InferenceOptions options) {
    if (!estimate.sample.sunab.empty()) {
        estimators::did::add_sunab_rows(estimate, request.agg, options);
        return options;
    }
    if (!request.agg.empty())
        throw Error("--agg " + request.agg + ": aggregations belong to --estimator cs and to formulas with sunab()");
    estimators::did::add_event_study_pretrend(estimate, spec.formula, options);
    return options;
}

estimators::Result fit_staggered(const models::ModelSpec& spec, const ModelRequest& request,
                                 const data::Frame& frame, const data::PanelIndex* panel) {
    if (request.cohort.empty())
        throw Error("--estimator " + spec.estimator + " needs --cohort G: the column of each unit's first treated "
                    "period (0 or missing = never treated)");
    if (spec.estimator == "did-imputation") return fit_imputation(spec, request, frame, panel);
    return fit_callaway_santanna(spec, request, frame, panel);
}

}  // namespace gvcpanel::cli
