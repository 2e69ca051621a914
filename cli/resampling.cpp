#include "cli/resampling.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "cli/fit_did.hpp"
#include "cli/fit_threshold.hpp"
#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/names.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "estimators/resampling/bootstrap_spec.hpp"
#include "estimators/resampling/replicate_summary.hpp"
#include "estimators/resampling/resample_design.hpp"
#include "models/levels.hpp"

namespace gvcpanel::cli {

namespace resampling = estimators::resampling;

namespace {

bool is_jackknife(const ModelRequest& request) {
    return estimators::inference::parse_vcov(request.vcov).type == estimators::inference::VcovType::jackknife;
}

// The coefficients `names` out of a refit's, in that order.
arma::vec aligned(const std::vector<std::string>& names, const std::vector<std::string>& refit_names,
                  const arma::vec& coef) {
    arma::vec out(names.size());
    for (std::size_t j = 0; j < names.size(); ++j) {
        const auto at = std::find(refit_names.begin(), refit_names.end(), names[j]);
        if (at == refit_names.end())
            throw Error("'" + names[j] + "' could not be estimated on the replicate (collinear or absent)");
        out(j) = coef(static_cast<arma::uword>(at - refit_names.begin()));
    }
    return out;
}

const models::Grouping& sample_grouping(const models::Sample& sample, const std::string& name) {
    std::vector<std::string> known;
    for (const auto* list : {&sample.clusters, &sample.fixed_effects})
        for (const auto& g : *list) {
            if (g.name == name) return g;
            known.push_back(g.name);
        }
    throw Error("resampling by '" + name + "': the estimation sample has no such variable" + data::did_you_mean(name, known));
}

// The column's values on `rows`, in that order.
data::Column gather_column(const data::Column& column, const std::vector<std::size_t>& rows) {
    data::Column out;
    out.name = column.name;
    out.label = column.label;
    out.type = column.type;
    out.levels = column.levels;
    const auto take = [&rows](const auto& values, auto& into) {
        if (values.empty()) return;
        into.resize(rows.size());
        for (std::size_t a = 0; a < rows.size(); ++a) into[a] = values[rows[a]];
    };
    take(column.numbers, out.numbers);
    take(column.integers, out.integers);
    take(column.codes, out.codes);
    take(column.residues, out.residues);
    return out;
}

// A categorical column with a level per (drawn copy, value of `column`) on the drawn rows.
data::Column relabelled_column(const data::Column& column, const resampling::Draw& draw) {
    const models::Levels levels = models::sorted_levels(column);
    std::map<std::pair<std::uint32_t, std::int32_t>, std::int32_t> index;
    std::vector<std::int32_t> codes(draw.rows.size());
    std::vector<std::string> names;
    for (std::size_t a = 0; a < draw.rows.size(); ++a) {
        const std::int32_t code = levels.codes[draw.rows[a]];
        if (code == data::kMissingCode) {
            codes[a] = data::kMissingCode;
            continue;
        }
        const auto [it, fresh] = index.emplace(std::make_pair(draw.copy[a], code), static_cast<std::int32_t>(names.size()));
        if (fresh) names.push_back(std::to_string(draw.copy[a]) + "#" + levels.names[static_cast<std::size_t>(code)]);
        codes[a] = it->second;
    }
    return data::Column::categorical(column.name, std::move(codes), std::move(names));
}

// Whether every value of `inner` (on the rows of the plan) lies within one cluster of the plan.
bool nested_in_units(const data::Column& inner, const resampling::SamplingPlan& plan) {
    const models::Levels levels = models::sorted_levels(inner);
    std::unordered_map<std::int32_t, std::size_t> unit_of;
    for (std::size_t u = 0; u < plan.units(); ++u)
        for (std::size_t a = plan.unit_start[u]; a < plan.unit_start[u + 1]; ++a) {
            const auto [it, fresh] = unit_of.emplace(levels.codes[plan.rows[a]], u);
            if (!fresh && it->second != u) return false;
        }
    return true;
}

std::string panel_id(const ModelRequest& request) { return request.panel.substr(0, request.panel.find(',')); }

std::string failure_note(const resampling::Replicates& replicates, const std::string& what) {
    std::string note = std::to_string(replicates.failed.size()) + " of " + std::to_string(replicates.count()) + " " +
                       what + " replicates failed and were left out";
    for (std::size_t m = 0; m < replicates.messages.size(); ++m) note += (m ? "; " : ": ") + replicates.messages[m];
    return note;
}

}  // namespace

void check_scheme(const ModelRequest& request, const std::string& estimator) {
    static const std::vector<std::string> panel_estimators = {"re", "be", "fd", "diff-gmm", "sys-gmm"};
    if (resampled_variable(request).empty() &&
        std::find(panel_estimators.begin(), panel_estimators.end(), estimator) != panel_estimators.end())
        throw Error(std::string(request.bootstrap.empty() ? "--vcov jackknife" : "--bootstrap pairs") +
                    " resamples single observations, which breaks the panel structure estimator '" + estimator +
                    "' relies on; resample whole entities (" +
                    (request.bootstrap.empty() ? "--vcov jackknife:ID" : "--bootstrap cluster:ID") + ")");
}

bool needs_refits(const ModelRequest& request) {
    // cs reads --bootstrap B as its own multiplier bootstrap (cli/fit_did), threshold as Hansen's
    // bootstrap of its tests (cli/fit_threshold).
    if (is_staggered_estimator(request.estimator) || is_threshold_estimator(request.estimator)) return false;
    return !request.bootstrap.empty() || is_jackknife(request);
}

std::string resampled_variable(const ModelRequest& request) {
    if (is_staggered_estimator(request.estimator) || is_threshold_estimator(request.estimator)) return {};
    if (!request.bootstrap.empty()) return resampling::parse_bootstrap(request.bootstrap).cluster;
    const auto vcov = estimators::inference::parse_vcov(request.vcov);
    if (vcov.type == estimators::inference::VcovType::jackknife && !vcov.clusters.empty()) return vcov.clusters.front();
    return {};
}

resampling::SamplingPlan design_plan(const models::Sample& sample, const std::string& variable) {
    if (variable.empty()) return resampling::pairs_plan(sample.rows.size());
    return resampling::cluster_plan(sample_grouping(sample, variable).codes, variable);
}

resampling::Refit design_refit(const models::Design& design, const std::string& variable,
                               const std::vector<std::string>& names,
                               std::function<estimators::Estimate(models::Design)> fit) {
    const std::vector<std::int32_t> clusters =
        variable.empty() ? std::vector<std::int32_t>{} : sample_grouping(design.sample, variable).codes;
    return [&design, clusters, names, fit](const resampling::Draw& draw) {
        const auto estimate = fit(resampling::resample_design(design, draw, clusters));
        return aligned(names, estimate.names, estimate.coef);
    };
}

resampling::SamplingPlan frame_plan(const data::Frame& frame, const std::vector<std::size_t>& sample_rows,
                                    const std::string& variable) {
    std::vector<std::int32_t> units(frame.rows(), -1);
    if (variable.empty()) {
        for (std::size_t a = 0; a < sample_rows.size(); ++a) units[sample_rows[a]] = static_cast<std::int32_t>(a);
        return resampling::cluster_plan(units, "observation");
    }
    const models::Levels levels = models::sorted_levels(frame.column(variable));
    std::vector<char> present(levels.names.size(), 0);
    for (const auto row : sample_rows)
        if (levels.codes[row] != data::kMissingCode) present[static_cast<std::size_t>(levels.codes[row])] = 1;
    for (std::size_t row = 0; row < frame.rows(); ++row)
        if (levels.codes[row] != data::kMissingCode && present[static_cast<std::size_t>(levels.codes[row])])
            units[row] = levels.codes[row];
    return resampling::cluster_plan(units, variable);
}

resampling::Refit frame_refit(const data::Frame& frame, const ModelRequest& request,
                              const resampling::SamplingPlan& plan, const std::string& variable,
                              const std::vector<std::string>& names) {
    ModelRequest one = request;
    one.bootstrap.clear();
    one.vcov = "iid";
    one.tests.clear();
    one.diagnostics = false;
    one.margins = false;
    one.save_fe.clear();
    one.threads = 1;
    std::vector<std::string> relabel;
    if (!variable.empty()) {
        relabel.push_back(variable);
        const std::string id = panel_id(request);
        if (!id.empty() && id != variable && nested_in_units(frame.column(id), plan)) relabel.push_back(id);
    }
    return [&frame, one, variable, relabel, names](const resampling::Draw& draw) {
        data::Frame gathered;
        gathered.source = frame.source;
        for (const auto& name : frame.names()) {
            const auto& column = frame.column(name);
            const bool per_copy = std::find(relabel.begin(), relabel.end(), name) != relabel.end();
            gathered.add(per_copy ? relabelled_column(column, draw) : gather_column(column, draw.rows));
        }
        const auto result = run_model(one, gathered);
        std::vector<std::string> refit_names;
        arma::vec coef(result.coef.size());
        for (std::size_t j = 0; j < result.coef.size(); ++j) {
            refit_names.push_back(result.coef[j].name);
            coef(j) = result.coef[j].estimate;
        }
        return aligned(names, refit_names, coef);
    };
}

estimators::Result infer_with_refits(const estimators::Estimate& estimate, estimators::InferenceOptions options,
                                     const ModelRequest& request, const resampling::SamplingPlan& plan,
                                     const resampling::Refit& refit) {
    const std::size_t k = estimate.k();
    const std::string variable = resampled_variable(request);
    estimators::inference::Covariance covariance;
    if (!variable.empty()) covariance.n_clusters.emplace_back(variable, plan.units());
    if (request.bootstrap.empty()) {
        // --vcov jackknife: every deleted unit must give an estimate (none can be left out).
        const auto replicates = resampling::jackknife(plan, k, request.threads, refit);
        if (!replicates.failed.empty())
            throw Error("--vcov " + options.vcov.text() + ": the fit without " + plan.unit_name + " unit " +
                        std::to_string(replicates.failed.front() + 1) + " failed: " + replicates.messages.front());
        covariance.matrix = resampling::jackknife_covariance(replicates.estimates, estimate.coef);
        // t(G-1) for linear models, as clustered covariances (and Stata's jackknife); normal otherwise.
        covariance.df = estimate.kind == estimators::ModelKind::linear ? static_cast<double>(plan.units()) - 1.0 : std::nan("");
        options.supplied = covariance;
        return estimators::infer(estimate, options);
    }

    const auto spec = resampling::parse_bootstrap(request.bootstrap);
    resampling::ReplicateOptions replicate_options;
    replicate_options.replications = spec.replications;
    replicate_options.seed = request.seed;
    replicate_options.threads = request.threads;
    const auto replicates = resampling::bootstrap(plan, k, replicate_options, refit);
    if (replicates.succeeded() < 2)
        throw Error("--bootstrap " + request.bootstrap + ": fewer than 2 replicates succeeded" +
                    (replicates.messages.empty() ? "" : " (" + replicates.messages.front() + ")"));
    const arma::mat draws = replicates.successful();
    covariance.matrix = resampling::bootstrap_covariance(draws);  // normal tests (Stata's bootstrap)
    if (!replicates.failed.empty()) covariance.notes.push_back(failure_note(replicates, "bootstrap"));

    estimators::BootstrapSummary summary;
    summary.scheme = spec.scheme();
    summary.replications = spec.replications;
    summary.failed = replicates.failed.size();
    summary.seed = request.seed;
    summary.level = options.level;
    summary.failures = replicates.messages;
    // BCa's acceleration needs the delete-one jackknife: computed when it costs no more refits than the bootstrap.
    arma::vec acceleration(k, arma::fill::value(arma::datum::nan));
    if (plan.units() <= spec.replications) {
        const auto deleted = resampling::jackknife(plan, k, request.threads, refit);
        if (deleted.failed.empty())
            for (std::size_t j = 0; j < k; ++j)
                acceleration(j) = resampling::jackknife_acceleration(deleted.estimates.col(j));
    }
    for (std::size_t j = 0; j < k; ++j) {
        estimators::BootstrapInterval interval;
        interval.name = estimate.names[j];
        const arma::vec column = draws.col(j);
        const auto percentile = resampling::percentile_interval(column, options.level);
        const auto bc = resampling::bias_corrected_interval(column, estimate.coef(j), options.level);
        const auto bca = resampling::bias_corrected_interval(column, estimate.coef(j), options.level, acceleration(j));
        interval.percentile_low = percentile.low;
        interval.percentile_high = percentile.high;
        interval.bc_low = bc.low;
        interval.bc_high = bc.high;
        interval.bca_low = bca.low;
        interval.bca_high = bca.high;
        summary.intervals.push_back(interval);
    }
    options.supplied = covariance;
    auto result = estimators::infer(estimate, options);
    result.vcov = "bootstrap:" + spec.scheme() + ":" + std::to_string(spec.replications);
    result.bootstrap = summary;
    return result;
}

}  // namespace gvcpanel::cli
