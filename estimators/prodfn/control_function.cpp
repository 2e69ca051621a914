#include "estimators/prodfn/control_function.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "estimators/likelihood/mle.hpp"
#include "estimators/prodfn/polynomial.hpp"
#include "estimators/prodfn/technology.hpp"

namespace gvcpanel::estimators::prodfn {

namespace {

std::string method_name(Method method) {
    return method == Method::op ? "op" : method == Method::lp ? "lp" : "acf";
}

arma::vec least_squares(const arma::mat& F, const arma::vec& y, const std::string& what) {
    arma::vec b;
    if (F.n_rows <= F.n_cols || !arma::solve(b, F, y, arma::solve_opts::no_approx))
        throw Error(what + ": the regression on " + std::to_string(F.n_cols) + " terms with " +
                    std::to_string(F.n_rows) + " rows has no unique solution (too few rows, or collinear inputs)");
    return b;
}

// OP's exit probability (prodest): a probit of the exit flag on the lagged first-stage polynomial
// of the state inputs and the proxy, on the rows with a lag.
arma::vec exit_probability(const ProductionPanel& panel, const arma::mat& poly, const std::vector<std::size_t>& rows,
                           const std::vector<std::size_t>& previous) {
    if (panel.exit.is_empty()) throw Error("--exit: the exit indicator is missing");
    std::vector<std::size_t> lags;
    for (const auto r : rows) lags.push_back(previous[r]);
    models::Design design;
    design.outcome = "exit";
    design.y = take_rows(panel.exit, rows);
    if (design.y.min() == design.y.max())
        throw Error("--exit: no firm " + std::string(design.y.max() == 0 ? "exits" : "stays") +
                    " among the observations with a lag; run the model without --exit");
    design.X = arma::join_rows(arma::ones(rows.size()), take_rows(poly, lags));
    design.names.push_back("(Intercept)");
    for (arma::uword j = 0; j < poly.n_cols; ++j) design.names.push_back("t" + std::to_string(j));
    design.sample.rows.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) design.sample.rows[i] = i;
    const arma::mat X = design.X;
    const auto names = design.names;
    MleOptions probit_options;
    probit_options.detect_separation = false;  // as R's glm: fitted probabilities near 0 or 1 kept
    const auto probit = mle(std::move(design), models::Family::probit, probit_options);
    if (!probit.converged) throw Error("--exit: the probit of exit did not converge: " + probit.convergence_message);
    arma::vec b(names.size(), arma::fill::zeros);
    for (std::size_t k = 0; k < probit.names.size(); ++k)
        b[std::find(names.begin(), names.end(), probit.names[k]) - names.begin()] = probit.coef[k];
    const arma::vec eta = X * b;
    return arma::normcdf(eta);
}

arma::vec user_start(const std::vector<std::pair<std::string, double>>& values, const std::vector<std::string>& names,
                     arma::vec start, const std::string& method) {
    for (const auto& [name, value] : values) {
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            throw Error("--start " + name + ": " + method + "'s second stage estimates " + list);
        }
        start[it - names.begin()] = value;
    }
    return start;
}

}  // namespace

ProductionFit control_function(const ProductionPanel& panel, const ControlFunctionOptions& options) {
    panel.validate();
    const std::string method = method_name(options.method);
    const bool acf = options.method == Method::acf;
    if (acf && options.exit_correction) throw Error("--exit applies to op (and lp), not to acf");
    if (!acf && options.translog) throw Error(method + ": --translog is available for acf and wrdg");
    if (panel.proxy_input >= 0)
        throw Error(method + ": the proxy is an input of the model (gross output): its elasticity is not identified "
                    "by the proxy's own moments (Gandhi, Navarro and Rivers 2020); wrdg estimates gross output, or "
                    "leave the proxy out of the model (value added)");
    const std::size_t n = panel.rows(), f = panel.free.n_cols, s = panel.state.n_cols;
    if (f == 0) throw Error(method + ": the model has no free input (every input is a --state variable)");

    // First stage. OP/LP: y on 1, the free inputs, the controls and the polynomial in (state, proxy);
    // phi is the fit without the free inputs. ACF: y on 1, the polynomial in (free, state, proxy) and
    // the controls; phi is the whole fit (ACF's corrected first stage identifies no coefficient).
    const arma::mat poly_inputs = acf ? arma::join_rows(panel.free, panel.state, panel.proxy)
                                      : arma::join_rows(panel.state, panel.proxy);
    const arma::mat poly = polynomial_terms(poly_inputs, options.poly);
    const arma::mat F = acf ? arma::join_rows(arma::ones(n), poly, panel.controls)
                            : arma::join_rows(arma::join_rows(arma::ones(n), panel.free), panel.controls, poly);
    const arma::vec b = least_squares(F, panel.y, method + " first stage");
    const arma::vec fitted = F * b;
    const arma::vec beta_free = acf ? arma::vec() : arma::vec(b.subvec(1, f));
    const arma::vec phi = acf ? fitted : arma::vec(fitted - panel.free * beta_free);
    Technology technology{panel.free_names, options.translog};
    technology.inputs.insert(technology.inputs.end(), panel.state_names.begin(), panel.state_names.end());
    const arma::mat inputs = arma::join_rows(panel.free, panel.state);
    const arma::mat X = acf ? technology.terms(inputs) : panel.state;
    const std::size_t p = X.n_cols;
    // Starting values, as prodest: the first stage's coefficients on the inputs' linear terms (the
    // polynomial's first columns); translog terms start at 0.
    arma::vec first_stage_start(p, arma::fill::zeros);
    first_stage_start.head(acf ? f + s : s) =
        acf ? b.subvec(1, f + s) : b.subvec(1 + f + panel.controls.n_cols, f + panel.controls.n_cols + s);

    // Second stage on the rows with a lag.
    const auto previous = panel.previous_rows();
    std::vector<std::size_t> rows, lags;
    for (std::size_t i = 0; i < n; ++i)
        if (previous[i] != kNoLag) {
            rows.push_back(i);
            lags.push_back(previous[i]);
        }
    MarkovData data;
    data.X = take_rows(X, rows);
    data.X_lag = take_rows(X, lags);
    const arma::mat free_lagged = arma::join_rows(take_rows(panel.free, lags), take_rows(panel.state, rows));
    data.phi = take_rows(phi, rows);
    data.phi_lag = take_rows(phi, lags);
    data.controls_lag = take_rows(panel.controls, lags);
    if (options.exit_correction)
        data.exit_probability = exit_probability(panel, polynomial_terms(arma::join_rows(panel.state, panel.proxy), options.poly),
                                                 rows, previous);
    if (acf) {
        data.Z = technology.terms(free_lagged);
        arma::mat W;
        if (!arma::inv_sympd(W, data.Z.t() * data.Z))
            throw Error("acf: the instruments (the terms with the free inputs lagged) are collinear");
        W /= static_cast<double>(rows.size());
        data.W_root = arma::chol(W);
    } else {
        data.first_residual = take_rows(arma::vec(panel.y - fitted), rows);
    }
    const std::size_t terms = 4 + (options.exit_correction ? 6 : 0) + panel.controls.n_cols;
    if (rows.size() <= terms + p)
        throw Error(method + ": " + std::to_string(rows.size()) +
                    " observations have the previous period of their firm; the second stage needs more than " +
                    std::to_string(terms + p));

    // Starts: the first stage's, OLS's and two shifts of the first.
    const arma::vec ols =
        least_squares(arma::join_rows(arma::ones(n), technology.terms(inputs)), panel.y, method + " starting values");
    const arma::vec ols_start = acf ? arma::vec(ols.tail(p)) : arma::vec(ols.subvec(1 + f, f + s));
    std::vector<arma::vec> starts = {first_stage_start, ols_start, first_stage_start, first_stage_start};
    starts[2].head(acf ? f + s : s) -= 0.2;
    starts[3].head(acf ? f + s : s) += 0.2;
    if (!options.start.empty()) starts.insert(starts.begin(), user_start(options.start, acf ? technology.term_names() : panel.state_names, first_stage_start, method));

    ProductionFit fit;
    fit.epsilon = panel.y - fitted;
    if (!options.warm_start.is_empty()) {
        fit.second_stage = minimise_markov(data, {options.warm_start}, options.second_stage);
        if (!fit.second_stage.converged) fit.second_stage = minimise_markov(data, starts, options.second_stage);
    } else {
        fit.second_stage = minimise_markov(data, starts, options.second_stage);
    }
    fit.first_stage_rows = n;
    fit.second_stage_rows = rows.size();
    fit.names = technology.term_names();
    if (fit.second_stage.theta.is_empty()) {
        fit.coef.set_size(fit.names.size());
        fit.coef.fill(arma::datum::nan);
        return fit;
    }
    fit.coef = acf ? fit.second_stage.theta : arma::vec(arma::join_cols(beta_free, fit.second_stage.theta));
    fit.omega = panel.y - technology.terms(inputs) * fit.coef;
    fit.elasticities = technology.elasticities(inputs, fit.coef);
    return fit;
}

arma::vec control_function_coefficients(const ProductionPanel& panel, const ControlFunctionOptions& options) {
    const auto fit = control_function(panel, options);
    if (!fit.second_stage.converged) {
        arma::vec failed(fit.coef.n_elem);
        failed.fill(arma::datum::nan);
        return failed;
    }
    return fit.coef;
}

}  // namespace gvcpanel::estimators::prodfn
