#include "cli/fit_prodfn.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <numeric>

#include "cli/resampling.hpp"
#include "data/error.hpp"
#include "estimators/prodfn/control_function.hpp"
#include "estimators/prodfn/technology.hpp"
#include "estimators/prodfn/wooldridge.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/resampling/sampling_plan.hpp"
#include "models/build_design.hpp"
#include "models/columns_used.hpp"
#include "models/nls_expression.hpp"

namespace gvcpanel::cli {

namespace {

namespace pf = estimators::prodfn;

// The terms of "a b" or "a, log(b)" (names as the design gives them).
std::vector<models::Term> option_terms(const std::string& option, const std::string& text) {
    int depth = 0;
    std::string name;
    std::vector<std::string> names;
    for (const char c : text + " ") {
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (depth == 0 && (c == ' ' || c == '\t' || c == ',' || c == '+')) {
            if (!name.empty()) names.push_back(name);
            name.clear();
        } else {
            name += c;
        }
    }
    std::vector<models::Term> terms;
    for (const auto& n : names) {
        const auto formula = models::parse_formula("y ~ " + n);
        if (formula.terms.size() != 1 || formula.terms[0].pieces.size() != 1 ||
            formula.terms[0].pieces[0].kind != models::Piece::Kind::value)
            throw Error(option + " '" + n + "': expected a variable or an expression such as log(k)");
        terms.push_back(formula.terms[0]);
    }
    return terms;
}

bool has_term(const models::ModelSpec& spec, const std::string& name) {
    return std::any_of(spec.formula.terms.begin(), spec.formula.terms.end(),
                       [&](const models::Term& term) { return term.name == name; });
}

std::size_t column_of(const models::Design& design, const std::string& name, const std::string& what) {
    const auto it = std::find(design.names.begin(), design.names.end(), name);
    if (it == design.names.end()) throw Error(what);
    return static_cast<std::size_t>(it - design.names.begin());
}

pf::Method method_of(const std::string& estimator) {  // wrdg is not a control-function method
    if (estimator == "op") return pf::Method::op;
    if (estimator == "lp") return pf::Method::lp;
    return pf::Method::acf;
}

std::size_t bootstrap_count(const std::string& text) {
    std::size_t count = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
    if (error != std::errc() || end != text.data() + text.size() || count < 2)
        throw Error("--bootstrap '" + text + "': production functions take the number of replications B (at least 2) "
                    "of the firm bootstrap of the whole procedure");
    return count;
}

struct ProductionSample {
    pf::ProductionPanel panel;
    arma::vec cost;                       // --markups COST: the first free input's log expenditure
    std::vector<std::size_t> frame_rows;  // frame row of each panel row
    models::Dropped dropped;
};

ProductionSample production_panel(const models::ModelSpec& spec, const ModelRequest& request, const data::Frame& frame,
                               const data::PanelIndex* panel) {
    if (!panel || !panel->has_time())
        throw Error("--estimator " + spec.estimator + " needs --panel FIRM,TIME: lags are taken within firm");
    if (!spec.formula.fixed_effects.empty() || spec.formula.has_iv())
        throw Error("--estimator " + spec.estimator + ": the model is output and inputs, \"y ~ l + k\", without a "
                    "fixed-effects or IV part");
    if (request.proxy.empty())
        throw Error("--estimator " + spec.estimator + " needs --proxy M: investment (op) or materials (lp, acf)");
    const auto proxy = option_terms("--proxy", request.proxy);
    if (proxy.size() != 1) throw Error("--proxy '" + request.proxy + "': expected one variable");
    const auto states = option_terms("--state", request.state);
    if (states.empty()) throw Error("--estimator " + spec.estimator + " needs --state K: the state inputs (capital)");
    const auto controls = option_terms("--control", request.control);
    for (const auto& term : states)
        if (!has_term(spec, term.name))
            throw Error("--state " + term.name + ": not an input of the model '" + spec.formula.text + "'");
    if (has_term(spec, proxy[0].name) && !request.gross_output)
        throw Error("--proxy " + proxy[0].name + " is an input of the model: value added models leave it out "
                    "(gross output: --gross-output)");
    const bool exit_column = !request.exit.empty() && request.exit != "auto";

    auto with = spec;
    std::vector<models::Term> extra = proxy;
    extra.insert(extra.end(), controls.begin(), controls.end());
    if (exit_column) {
        const auto exit = option_terms("--exit", request.exit);
        extra.insert(extra.end(), exit.begin(), exit.end());
    }
    const bool cost_column = !request.markups.empty() && request.markups != "auto";
    if (cost_column) {
        const auto cost = option_terms("--markups", request.markups);
        extra.insert(extra.end(), cost.begin(), cost.end());
    }
    for (const auto& term : extra)
        if (!has_term(with, term.name)) with.formula.terms.push_back(term);
    auto design = models::build_design(with, frame, panel);

    ProductionSample out;
    out.dropped = design.sample.dropped;
    const std::size_t n = design.nobs();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    const auto& entity = design.sample.entity;
    const auto& period = design.sample.period;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return entity[a] != entity[b] ? entity[a] < entity[b] : period[a] < period[b];
    });
    const arma::uvec rows(std::vector<arma::uword>(order.begin(), order.end()));
    const auto columns = [&](const std::vector<std::size_t>& which) {
        arma::mat X(n, which.size());
        for (std::size_t j = 0; j < which.size(); ++j) X.col(j) = design.X.col(which[j]).eval().elem(rows);
        return X;
    };
    std::vector<std::size_t> free_columns, state_columns, control_columns;
    auto& p = out.panel;
    for (const auto& term : spec.formula.terms) {
        const bool state = std::any_of(states.begin(), states.end(), [&](const auto& s) { return s.name == term.name; });
        (state ? state_columns : free_columns).push_back(column_of(design, term.name, "input " + term.name + ": expected a numeric column"));
        (state ? p.state_names : p.free_names).push_back(term.name);
    }
    for (const auto& term : controls) {
        control_columns.push_back(column_of(design, term.name, "--control " + term.name + ": expected a numeric column"));
        p.control_names.push_back(term.name);
    }
    p.y = design.y.elem(rows);
    p.free = columns(free_columns);
    p.state = columns(state_columns);
    p.proxy = columns({column_of(design, proxy[0].name, "--proxy " + proxy[0].name + ": expected a numeric column")});
    p.controls = columns(control_columns);
    const auto proxy_free = std::find(p.free_names.begin(), p.free_names.end(), proxy[0].name);
    if (proxy_free != p.free_names.end()) p.proxy_input = proxy_free - p.free_names.begin();
    if (std::find(p.state_names.begin(), p.state_names.end(), proxy[0].name) != p.state_names.end())
        throw Error("--proxy " + proxy[0].name + " is also a --state variable");
    for (const auto i : order) {
        p.firm.push_back(entity[i]);
        p.period.push_back(period[i]);
        out.frame_rows.push_back(design.sample.rows[i]);
    }
    if (exit_column) {
        p.exit = columns({column_of(design, option_terms("--exit", request.exit)[0].name, "--exit: expected a 0/1 column")});
        for (arma::uword i = 0; i < n; ++i)
            if (p.exit[i] != 0 && p.exit[i] != 1)
                throw Error("--exit " + request.exit + ": line " + std::to_string(out.frame_rows[i] + 2) + " holds " +
                            std::to_string(p.exit[i]) + "; expected 0 or 1");
    } else if (request.exit == "auto") {
        p.exit = pf::exit_after_last_period(p);
    }
    if (cost_column)
        out.cost = columns({column_of(design, option_terms("--markups", request.markups)[0].name,
                                      "--markups: expected the numeric column of the input's log expenditure")});
    for (std::size_t i = 1; i < n; ++i)
        if (p.firm[i] == p.firm[i - 1] && p.period[i] == p.period[i - 1])
            throw Error("--panel " + request.panel + ": firm " + panel->entity_label(p.firm[i]) + " has two rows in period " +
                        panel->period_label(p.period[i]));
    p.validate();
    return out;
}

// What every production-function fit reports, whichever estimator produced it.
struct ProductionOutput {
    std::vector<std::string> names;   // the technology's terms
    arma::vec coef;
    arma::vec omega;                  // n: y - terms'beta
    arma::mat elasticities;           // n x inputs
    arma::vec epsilon;                // n: the first stage's residual
    arma::vec markup;                 // n: --markups; empty without
};

// De Loecker and Warzynski (2012, eq. 11-12): the markup is the flexible input's output elasticity
// over its expenditure share of output, the output purged of the first stage's residual:
// mu = theta / (exp(cost) / (exp(y) / exp(eps))) = theta / exp(cost - y + eps). The flexible input is
// the model's first free input; its log expenditure is its own variable unless --markups names one.
arma::vec markups(const ProductionSample& data, const ProductionOutput& fit) {
    const arma::vec cost = data.cost.is_empty() ? arma::vec(data.panel.free.col(0)) : data.cost;
    return fit.elasticities.col(0) / arma::exp(cost - data.panel.y + fit.epsilon);
}

void save_tfp(const std::string& path, const ProductionSample& data, const ProductionOutput& fit,
              const data::PanelIndex& panel) {
    std::ofstream out(path);
    if (!out) throw Error("--save-tfp " + path + ": cannot write the file");
    out.precision(17);
    out << panel.entity_name() << ',' << panel.time_name() << ",omega";
    for (const auto* names : {&data.panel.free_names, &data.panel.state_names})
        for (const auto& name : *names) out << ",elasticity_" << name;
    if (!fit.markup.is_empty()) out << ",markup";
    out << '\n';
    for (std::size_t i = 0; i < data.panel.rows(); ++i) {
        out << panel.entity_label(data.panel.firm[i]) << ',' << panel.period_label(data.panel.period[i]) << ','
            << fit.omega[i];
        for (std::size_t j = 0; j < fit.elasticities.n_cols; ++j) out << ',' << fit.elasticities(i, j);
        if (!fit.markup.is_empty()) out << ',' << fit.markup[i];
        out << '\n';
    }
    if (!out) throw Error("--save-tfp " + path + ": writing failed");
}

// The elasticities' sample means (translog: the elasticity at the mean inputs, since it is linear in
// them) and returns to scale, their sum.
void add_elasticities(estimators::Estimate& estimate, const ProductionSample& data, const ProductionOutput& fit) {
    auto means = nlohmann::ordered_json::object();
    double scale = 0;
    std::size_t j = 0;
    for (const auto* names : {&data.panel.free_names, &data.panel.state_names})
        for (const auto& name : *names) {
            const double mean = arma::mean(fit.elasticities.col(j++));
            means[name] = mean;
            scale += mean;
        }
    estimate.stats["returns_to_scale"] = scale;
    if (fit.names.size() != fit.elasticities.n_cols) estimate.stats["elasticity_mean"] = means;
}

}  // namespace

bool is_prodfn_estimator(const std::string& estimator) {
    return estimator == "op" || estimator == "lp" || estimator == "acf" || estimator == "wrdg";
}

std::vector<std::string> prodfn_columns(const ModelRequest& request) {
    std::vector<std::string> names;
    if (!is_prodfn_estimator(request.estimator)) return names;
    for (const auto* text : {&request.proxy, &request.control})
        for (const auto& term : option_terms("--" + std::string(text == &request.proxy ? "proxy" : "control"), *text))
            for (const auto& piece : term.pieces) models::add_columns(piece.value, names);
    for (const auto* text : {&request.exit, &request.markups})
        if (!text->empty() && *text != "auto")
            for (const auto& term : option_terms("--" + std::string(text == &request.exit ? "exit" : "markups"), *text))
                for (const auto& piece : term.pieces) models::add_columns(piece.value, names);
    return names;
}

estimators::Result fit_prodfn(const models::ModelSpec& spec, const ModelRequest& request, const data::Frame& frame,
                              const data::PanelIndex* panel, estimators::InferenceOptions inference) {
    if (inference.vcov.type != estimators::inference::VcovType::iid)
        throw Error("--estimator " + spec.estimator + ": standard errors come from --bootstrap B (the firm bootstrap of "
                    "the whole procedure)" + (spec.estimator == "wrdg" ? " or, by default, wrdg's analytic GMM "
                    "covariance clustered by firm" : "") + "; --vcov " + request.vcov + " is not available");
    const auto data = production_panel(spec, request, frame, panel);
    const bool wrdg = spec.estimator == "wrdg";
    if (wrdg && !request.exit.empty()) throw Error("--exit applies to op (and lp), not to wrdg");
    if (wrdg && !request.control.empty()) throw Error("--control: wrdg's law of motion is a random walk without controls");
    pf::ControlFunctionOptions options;
    options.method = method_of(spec.estimator);
    options.poly = request.poly;
    options.exit_correction = !request.exit.empty();
    options.translog = request.translog;
    if (!request.start.empty())
        for (const auto& value : models::parse_start_values(request.start)) options.start.emplace_back(value.name, value.value);
    if (wrdg && !options.start.empty()) throw Error("--start: wrdg is linear GMM and needs no starting values");
    pf::WooldridgeOptions wrdg_options;
    wrdg_options.poly = request.poly;
    wrdg_options.translog = request.translog;

    estimators::Estimate estimate;
    estimate.estimator = spec.estimator;
    estimate.kind = estimators::ModelKind::gmm;
    estimate.formula = spec.formula.text;
    estimate.outcome = spec.formula.outcome_name;
    estimate.nobs = data.panel.rows();
    estimate.sample.rows = data.frame_rows;
    estimate.sample.dropped = data.dropped;
    estimate.has_intercept = false;
    estimate.stats["poly"] = request.poly;
    estimate.stats["n_firms"] = panel->n_entities();
    ProductionOutput output;
    estimators::inference::Covariance analytic;
    const pf::Technology technology = [&] {
        pf::Technology t{data.panel.free_names, request.translog};
        t.inputs.insert(t.inputs.end(), data.panel.state_names.begin(), data.panel.state_names.end());
        return t;
    }();
    if (wrdg) {
        const auto fit = pf::wooldridge(data.panel, wrdg_options);
        output.names = fit.names;
        output.coef = fit.coef;
        output.epsilon = fit.epsilon;
        analytic.matrix = fit.vcov;
        analytic.n_clusters.emplace_back(panel->entity_name(), panel->n_entities());
        analytic.label = "GMM, clustered by " + panel->entity_name();
        estimate.stats["second_stage_nobs"] = fit.rows;
        estimate.stats["n_instruments"] = fit.instruments;
        estimators::TestResult hansen;
        hansen.name = "hansen";
        hansen.stat = fit.hansen;
        hansen.df = {fit.hansen_df};
        hansen.p = estimators::inference::chi2_upper_p(fit.hansen, fit.hansen_df);
        estimate.tests.push_back(hansen);
    } else {
        const auto fit = pf::control_function(data.panel, options);
        output.names = fit.names;
        output.coef = fit.coef;
        output.epsilon = fit.epsilon;
        const auto& second = fit.second_stage;
        estimate.converged = second.converged;
        estimate.convergence_message = second.converged ? "" : "second stage: " + second.message;
        estimate.stats["criterion"] = second.criterion;
        estimate.stats["iterations"] = second.iterations;
        estimate.stats["starts"] = second.starts;
        estimate.stats["starts_converged"] = second.starts_converged;
        estimate.stats["starts_at_minimum"] = second.starts_at_minimum;
        estimate.stats["second_stage_nobs"] = fit.second_stage_rows;
        if (second.starts_at_minimum < second.starts)
            estimate.notes.push_back(std::to_string(second.starts - second.starts_at_minimum) + " of " +
                                     std::to_string(second.starts) + " starts of the second stage ended away from "
                                     "the best minimum (a criterion with local minima)");
    }
    estimate.names = output.names;
    estimate.coef = output.coef;
    estimate.bread.set_size(output.coef.n_elem, output.coef.n_elem);
    estimate.bread.fill(arma::datum::nan);
    if (output.coef.is_finite()) {
        const arma::mat inputs = arma::join_rows(data.panel.free, data.panel.state);
        output.omega = data.panel.y - technology.terms(inputs) * output.coef;
        output.elasticities = technology.elasticities(inputs, output.coef);
        add_elasticities(estimate, data, output);
        if (!request.markups.empty()) {
            output.markup = markups(data, output);
            estimate.stats["markup_input"] = data.panel.free_names.front();
            estimate.stats["markup_mean"] = arma::mean(output.markup);
            estimate.stats["markup_median"] = arma::median(output.markup);
        }
        if (!request.save_tfp.empty()) save_tfp(request.save_tfp, data, output, *panel);
    }

    if (request.bootstrap.empty()) {
        if (!wrdg) {
            analytic.matrix.set_size(output.coef.n_elem, output.coef.n_elem);
            analytic.matrix.fill(arma::datum::nan);
            analytic.withheld = true;
            analytic.notes.push_back("no analytic standard errors for " + spec.estimator +
                                     ": --bootstrap B gives the firm bootstrap of the whole procedure");
            analytic.label = "not computed (--bootstrap B)";
        }
        inference.supplied = analytic;
        return estimators::infer(estimate, inference);
    }
    ModelRequest boot = request;
    boot.bootstrap = "cluster:" + panel->entity_name() + ":" + std::to_string(bootstrap_count(request.bootstrap));
    const auto plan = estimators::resampling::cluster_plan(data.panel.firm, panel->entity_name());
    const auto& production = data.panel;
    if (!wrdg) options.warm_start = output.coef.tail(options.method == pf::Method::acf ? output.coef.n_elem : data.panel.state.n_cols);
    const estimators::resampling::Refit refit = [&production, options, wrdg_options, wrdg](const estimators::resampling::Draw& draw) {
        const auto sample = production.resampled(draw);
        return wrdg ? pf::wooldridge(sample, wrdg_options).coef : pf::control_function_coefficients(sample, options);
    };
    return infer_with_refits(estimate, inference, boot, plan, refit);
}

}  // namespace gvcpanel::cli
