#include "cli/fit_joint.hpp"

#include <algorithm>

#include "cli/resampling.hpp"
#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "estimators/infer.hpp"
#include "estimators/inference/suest.hpp"
#include "models/levels.hpp"

namespace gvcpanel::cli {

namespace {

// Options that have no meaning for the system as a whole are refused rather than ignored.
void check_joint_options(const ModelRequest& request, const estimators::InferenceOptions& options) {
    using estimators::inference::VcovType;
    const auto type = options.vcov.type;
    if (type != VcovType::hc0 && type != VcovType::hc1 && type != VcovType::cluster)
        throw Error("--joint --vcov " + request.vcov +
                    ": the joint covariance is a sandwich of the stacked scores; accepted: robust (hc1), hc0, "
                    "cluster:VAR");
    const std::vector<std::pair<bool, const char*>> refused = {
        {needs_refits(request), "--bootstrap and --vcov jackknife"}, {!request.boottest.empty(), "--boottest"},
        {request.margins || !request.margins_at.empty(), "--margins"}, {request.diagnostics, "--diagnostics"},
        {!request.save_predictions.empty(), "--save-predictions"},     {request.beta, "--beta"},
        {!request.save_fe.empty(), "--save-fe"},                        {!request.margins_over.empty(), "--margins-over"}};
    for (const auto& [given, option] : refused)
        if (given) throw Error(std::string("--joint: ") + option + " is not available for a system of equations");
}

// The grouping of cluster variable `name` ("v" or "a^b") on `rows`.
models::Grouping cluster_on(const data::Frame& frame, const std::string& name, const std::vector<std::size_t>& rows) {
    models::Levels levels;
    std::size_t start = 0;
    for (bool first = true; start <= name.size(); first = false) {
        const std::size_t hat = std::min(name.find('^', start), name.size());
        const auto variable = name.substr(start, hat - start);
        if (!frame.has(variable)) throw Error("--vcov cluster:" + name + ": no column '" + variable + "' in the data");
        const auto part = models::sorted_levels(frame.column(variable));
        levels = first ? part : models::combine(levels, part);
        start = hat + 1;
    }
    return models::grouping_on(levels, rows, name);
}

}  // namespace

std::vector<ModelRequest> equation_requests(const ModelRequest& request, const std::vector<std::string>& formulas,
                                            const std::vector<std::string>& estimators) {
    if (estimators.size() > 1 && estimators.size() != formulas.size())
        throw Error("--estimator is given " + std::to_string(estimators.size()) + " times for " +
                    std::to_string(formulas.size()) + " --model: give one for all or one per model, in order");
    std::vector<ModelRequest> requests;
    for (std::size_t i = 0; i < formulas.size(); ++i) {
        ModelRequest one = request;
        one.model = formulas[i];
        if (!estimators.empty()) one.estimator = estimators.size() == 1 ? estimators[0] : estimators[i];
        requests.push_back(std::move(one));
    }
    return requests;
}

std::vector<std::string> columns_needed(const std::vector<ModelRequest>& requests) {
    std::vector<std::string> names;
    for (const auto& request : requests) {
        const auto own = columns_needed(request);
        if (own.empty()) return {};
        for (const auto& name : own)
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

estimators::Estimate joint_system(const std::vector<estimators::Estimate>& equations,
                                  const std::vector<std::string>& clusters, const data::Frame& frame) {
    std::vector<std::size_t> union_rows;
    for (const auto& e : equations) union_rows.insert(union_rows.end(), e.sample.rows.begin(), e.sample.rows.end());
    std::sort(union_rows.begin(), union_rows.end());
    union_rows.erase(std::unique(union_rows.begin(), union_rows.end()), union_rows.end());
    std::vector<models::Grouping> groupings;
    for (const auto& name : clusters) groupings.push_back(cluster_on(frame, name, union_rows));
    return estimators::inference::stack_equations(equations, union_rows, std::move(groupings));
}

estimators::Result fit_joint(const std::vector<ModelRequest>& requests, const data::Frame& frame) {
    if (requests.empty()) throw Error("--joint needs at least two --model equations");
    const ModelRequest& request = requests.front();
    const auto options = inference_options(request);
    check_joint_options(request, options);
    std::vector<estimators::Estimate> equations;
    for (const auto& one : requests) equations.push_back(estimate_design(model_design(one, frame), one));
    return estimators::infer(joint_system(equations, options.vcov.clusters, frame), options);
}

}  // namespace gvcpanel::cli
