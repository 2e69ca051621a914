#include "cli/fit_threshold.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "data/error.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "estimators/threshold/threshold.hpp"
#include "models/build_design.hpp"
#include "models/columns_used.hpp"

namespace gvcpanel::cli {

namespace {

namespace th = estimators::threshold;

// An LR curve keeps at most this many points in the result: enough to draw it, however many
// candidates an exact search tried (each bin of candidates keeps its lowest and highest LR).
constexpr std::size_t kCurvePoints = 2000;

template <class T>
T parse_value(const std::string& option, const std::string& text, const char* expected) {
    T value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) throw Error(option + " '" + text + "': expected " + expected);
    return value;
}

models::Term threshold_term(const ModelRequest& request) {
    if (request.threshold_var.empty())
        throw Error("--estimator threshold needs --threshold-var Q: the variable whose value selects the regime");
    const auto formula = models::parse_formula("y ~ " + request.threshold_var);
    if (formula.terms.size() != 1 || formula.terms[0].pieces.size() != 1 ||
        formula.terms[0].pieces[0].kind != models::Piece::Kind::value)
        throw Error("--threshold-var '" + request.threshold_var + "': expected one variable or expression");
    return formula.terms[0];
}

// The names in "x1 x2" or "x1, l(x2, 1)": blanks and commas separate names outside parentheses; blanks
// inside are dropped, as the design names terms.
std::vector<std::string> regime_names(const std::string& text) {
    std::vector<std::string> names;
    std::string name;
    int depth = 0;
    for (const char c : text + " ") {
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (depth == 0 && (c == ' ' || c == '\t' || c == ',')) {
            if (!name.empty()) names.push_back(name);
            name.clear();
        } else if (c != ' ' && c != '\t') {
            name += c;
        }
    }
    if (names.empty()) throw Error("--estimator threshold needs --regime \"x1 x2\": the regressors whose slopes change");
    return names;
}

th::ThresholdOptions threshold_options(const ModelRequest& request) {
    th::ThresholdOptions options;
    options.thresholds = request.thresholds;
    options.trim = parse_value<double>("--trim", request.trim, "a share such as 0.01");
    options.grid = request.grid == "all" ? 0 : parse_value<std::size_t>("--grid", request.grid, "'all' or a number of points");
    options.level = request.level;
    if (!request.bootstrap.empty())
        options.bootstrap = parse_value<std::size_t>(
            "--bootstrap", request.bootstrap, "the number of replications of Hansen's bootstrap of the threshold tests");
    options.seed = request.seed;
    options.threads = request.threads;
    options.validate();
    return options;
}

std::size_t column_index(const models::Design& design, const std::string& name, const std::string& what) {
    const auto it = std::find(design.names.begin(), design.names.end(), name);
    if (it == design.names.end()) throw Error(what);
    return static_cast<std::size_t>(it - design.names.begin());
}

// The curve thinned to about kCurvePoints points, keeping each bin's extremes in order.
nlohmann::ordered_json curve_json(const th::LrCurve& curve) {
    const std::size_t n = curve.gamma.size(), bin = std::max<std::size_t>(1, 2 * n / kCurvePoints);
    std::vector<double> gamma, lr;
    for (std::size_t start = 0; start < n; start += bin) {
        const std::size_t end = std::min(n, start + bin);
        std::size_t lo = start, hi = start;
        for (std::size_t c = start; c < end; ++c) {
            if (curve.lr[c] < curve.lr[lo]) lo = c;
            if (curve.lr[c] > curve.lr[hi]) hi = c;
        }
        for (const auto c : {std::min(lo, hi), std::max(lo, hi)}) {
            if (!gamma.empty() && gamma.back() == curve.gamma[c]) continue;
            gamma.push_back(curve.gamma[c]);
            lr.push_back(curve.lr[c]);
        }
    }
    return {{"gamma", gamma}, {"lr", lr}};
}

void add_results(estimators::Estimate& estimate, const th::ThresholdFit& fit, const th::ThresholdOptions& options,
                 std::size_t regime_regressors) {
    auto curves = nlohmann::ordered_json::array();
    for (std::size_t j = 0; j < fit.thresholds.size(); ++j) {
        const std::string name = "gamma" + std::to_string(j + 1);
        estimate.stats[name] = fit.thresholds[j].gamma;
        estimate.stats[name + "_low"] = fit.thresholds[j].low;
        estimate.stats[name + "_high"] = fit.thresholds[j].high;
        curves.push_back(curve_json(fit.thresholds[j].curve));
    }
    estimate.stats["lr_critical"] = fit.critical;
    estimate.stats["threshold_level"] = options.level;
    estimate.stats["threshold_candidates"] = fit.candidates;
    estimate.stats["threshold_min_obs"] = fit.min_rows;
    estimate.stats["ssr_linear"] = fit.ssr_linear;
    estimate.stats["threshold_lr"] = curves;
    for (const auto& test : fit.tests) {
        estimators::TestResult result;
        result.name = test.name;
        result.stat = test.f;
        result.p = test.p;
        result.df = {double(regime_regressors), fit.residual_df};
        result.note = options.bootstrap > 0
                          ? "Hansen's bootstrap, " + std::to_string(test.reps) +
                                " replications: p is the share of larger F*, 0 meaning p < 1/" + std::to_string(test.reps)
                          : "F statistic with a nonstandard distribution (not F): --bootstrap B gives its p-value";
        result.extra["ssr_null"] = test.ssr_null;
        result.extra["ssr"] = test.ssr;
        if (options.bootstrap > 0) {
            result.extra["reps"] = test.reps;
            result.extra["failed"] = test.failed;
            result.extra["crit_90"] = test.crit90;
            result.extra["crit_95"] = test.crit95;
            result.extra["crit_99"] = test.crit99;
        }
        estimate.tests.push_back(result);
    }
}

}  // namespace

bool is_threshold_estimator(const std::string& estimator) { return estimator == "threshold"; }

std::vector<std::string> threshold_columns(const ModelRequest& request) {
    std::vector<std::string> names;
    if (request.threshold_var.empty()) return names;
    for (const auto& piece : threshold_term(request).pieces) models::add_columns(piece.value, names);
    return names;
}

estimators::Result fit_threshold(const models::ModelSpec& spec, const ModelRequest& request, const data::Frame& frame,
                                 const data::PanelIndex* panel, estimators::InferenceOptions inference) {
    const auto& effects = spec.formula.fixed_effects;
    if (effects.size() != 1 || !effects[0].slopes.empty() || spec.formula.has_iv())
        throw Error("--estimator threshold absorbs one fixed-effects dimension, the entity (\"y ~ x1 + x2 | firm\"; "
                    "time effects as i(year) terms), without varying slopes or an IV part");
    if (inference.vcov.type == estimators::inference::VcovType::jackknife)
        throw Error("--estimator threshold: --vcov jackknife is not available (the slopes' covariance is given the "
                    "thresholds; --bootstrap B bootstraps the threshold tests)");
    const auto options = threshold_options(request);
    const auto regimes = regime_names(request.regime);
    const auto q_term = threshold_term(request);
    for (const auto& name : threshold_columns(request))
        if (!frame.has(name)) throw Error("--threshold-var " + request.threshold_var + ": no column '" + name + "' in the data");
    auto with_q = spec;
    const bool q_is_term = std::any_of(spec.formula.terms.begin(), spec.formula.terms.end(),
                                       [&](const models::Term& term) { return term.name == q_term.name; });
    if (!q_is_term) with_q.formula.terms.push_back(q_term);
    auto design = models::build_design(with_q, frame, panel);

    const std::size_t q_column = column_index(design, q_term.name,
                                              "--threshold-var " + request.threshold_var + ": expected a numeric column");
    std::vector<arma::uword> regime_columns;
    for (const auto& name : regimes)
        regime_columns.push_back(column_index(design, name, "--regime " + name + ": not a term of the formula (add it: \"" +
                                                                design.outcome + " ~ " + name + " + ...\")"));
    std::vector<arma::uword> other_columns;
    for (std::size_t j = 0; j < design.names.size(); ++j)
        if (std::find(regime_columns.begin(), regime_columns.end(), j) == regime_columns.end() && (q_is_term || j != q_column))
            other_columns.push_back(j);

    th::ThresholdInput input;
    input.y = design.y;
    input.X = design.X.cols(arma::uvec(other_columns));
    input.R = design.X.cols(arma::uvec(regime_columns));
    input.q = design.X.col(q_column);
    input.entity = design.sample.fixed_effects[0].codes;
    input.entities = design.sample.fixed_effects[0].levels;
    input.weights = design.weights;
    const auto fit = th::fit_thresholds(input, options);

    // The final model: the regime-dependent regressors split at the thresholds, regime j being
    // gamma_{j-1} < q <= gamma_j.
    std::vector<std::string> names;
    for (const auto j : other_columns) names.push_back(design.names[j]);
    arma::mat X = input.X;
    for (std::size_t v = 0; v < regimes.size(); ++v)
        for (std::size_t j = 0; j <= fit.thresholds.size(); ++j) {
            const double low = j == 0 ? -arma::datum::inf : fit.thresholds[j - 1].gamma;
            const double high = j == fit.thresholds.size() ? arma::datum::inf : fit.thresholds[j].gamma;
            X = arma::join_rows(X, input.R.col(v) % arma::conv_to<arma::vec>::from((input.q > low) % (input.q <= high)));
            names.push_back(regimes[v] + "::regime" + std::to_string(j + 1));
        }
    design.X = std::move(X);
    design.names = std::move(names);
    estimators::WithinOptions within_options;
    within_options.demean.threads = request.threads;
    within_options.fe_test = false;
    auto estimate = estimators::within(std::move(design), within_options);
    estimate.estimator = "threshold";
    estimate.formula = spec.formula.text;
    add_results(estimate, fit, options, regimes.size());
    inference.level = request.level;
    return estimators::infer(estimate, inference);
}

}  // namespace gvcpanel::cli
