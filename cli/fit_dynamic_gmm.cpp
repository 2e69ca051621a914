#include "cli/fit_dynamic_gmm.hpp"

#include "data/error.hpp"
#include "estimators/gmm/dynamic_gmm.hpp"
#include "estimators/inference/ssc.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "models/columns_used.hpp"
#include "models/evaluate.hpp"

namespace gvcpanel::cli {

namespace {

models::Expr gmm_expression(const std::string& variable) {
    return models::parse_whole_expression(models::Source{variable, "--gmm variable"});
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::string item;
    int depth = 0;
    for (char c : text) {
        depth += (c == '(') - (c == ')');
        if (depth == 0 && (c == ' ' || c == ',')) {
            if (!item.empty()) items.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    if (!item.empty()) items.push_back(item);
    return items;
}

estimators::DynamicGmmOptions dynamic_options(const ModelRequest& request) {
    estimators::DynamicGmmOptions options;
    for (const auto& text : request.gmm) options.panel.gmm.push_back(estimators::parse_gmm_instrument(text));
    options.panel.iv = split_list(request.iv);
    options.panel.transform = estimators::parse_transform(request.transform);
    options.panel.system = request.estimator == "sys-gmm";
    options.panel.collapse = request.collapse;
    options.two_step = request.two_step;
    const auto vcov = estimators::inference::parse_vcov(request.vcov);
    options.robust = vcov.type != estimators::inference::VcovType::iid;
    // --ssc plm reproduces pgmm's one-step vcov(), which scales by 1/N instead of sigma^2.
    if (estimators::inference::parse_ssc(request.ssc).text() == "plm")
        options.one_step_scale = estimators::OneStepScale::plm;
    options.threads = request.threads;
    return options;
}

}  // namespace

bool is_dynamic_gmm(const std::string& estimator) { return estimator == "diff-gmm" || estimator == "sys-gmm"; }

std::vector<std::string> dynamic_gmm_columns(const ModelRequest& request) {
    std::vector<std::string> names;
    for (const auto& text : request.gmm) {
        const auto instrument = estimators::parse_gmm_instrument(text);
        models::add_columns(gmm_expression(instrument.variable), names);
    }
    return names;
}

estimators::Estimate fit_dynamic_gmm(models::Design design, const data::Frame& frame,
                                     const data::PanelIndex* panel, const ModelRequest& request) {
    if (!panel) throw Error("--estimator " + request.estimator + " needs --panel ID,TIME");
    if (!design.sample.fixed_effects.empty())
        throw Error("--estimator " + request.estimator +
                    ": the transformation removes the entity effects; leave out the fixed-effects part "
                    "(time effects: add i(" + panel->time_name() + ") to the formula)");
    if (!design.weights.is_empty()) throw Error("--estimator " + request.estimator + ": weights are not supported");
    const auto options = dynamic_options(request);
    std::vector<std::vector<double>> levels;
    for (const auto& g : options.panel.gmm) {
        const auto expression = gmm_expression(g.variable);
        levels.push_back(models::evaluate(expression, {frame, panel, models::Source{g.variable, "--gmm variable"}}));
    }
    return estimators::dynamic_gmm(std::move(design), *panel, levels, options, request.estimator);
}

}  // namespace gvcpanel::cli
