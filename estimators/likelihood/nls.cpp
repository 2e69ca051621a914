// Nonlinear least squares with Ceres: one residual block holding all n residuals
// r_i = response_i - f(x_i; b), differentiated automatically (the formula's postfix program run on
// Jets), minimised by Levenberg-Marquardt with dense QR. The covariance (J'J)^-1 comes from the QR
// factor of J at the solution (R^-1 R^-T), never from forming J'J, which squares the condition
// number (several NIST problems have cond(J) ~ 1e8). The solution is then refined with residuals
// in long double on the data as written (Column::residues), which a residual 1e13 times smaller
// than the response needs (NIST Lanczos1).
#include "estimators/likelihood/nls.hpp"

#include <ceres/ceres.h>

#include <cmath>
#include <sstream>

#include "data/error.hpp"
#include "estimators/degenerate_fit.hpp"
#include "estimators/likelihood/ceres_logging.hpp"

namespace gvcpanel::estimators {

namespace {

constexpr int kStride = 4;  // derivatives per automatic-differentiation pass

struct NlsData {
    std::vector<const double*> columns;  // the formula's columns, on the estimation sample
    std::vector<double> response;        // evaluated left side
    std::size_t n = 0;
};

// The estimation sample in long double: the columns as written (the double plus its decimal
// residue) and the response evaluated from them.
struct PreciseData {
    std::vector<std::vector<long double>> kept;
    std::vector<const long double*> columns;
    std::vector<long double> response;

    // Fills `out` with the residuals response - model at b; returns their sum of squares.
    long double residuals(const models::NlsProgram& model, const std::vector<long double>& b,
                          std::vector<long double>& out) const {
        std::vector<long double> stack(model.max_stack);
        long double sum = 0;
        for (std::size_t i = 0; i < response.size(); ++i) {
            out[i] = response[i] - model.evaluate<long double>(b.data(), columns, i, stack.data());
            sum += out[i] * out[i];
        }
        return sum;
    }
};

struct Residuals {
    const models::NlsProgram* model;
    const NlsData* data;

    template <typename T>
    bool operator()(T const* const* parameters, T* residuals) const {
        std::vector<T> stack(model->max_stack);
        for (std::size_t i = 0; i < data->n; ++i)
            residuals[i] = T(data->response[i]) -
                           model->evaluate<T>(parameters[0], data->columns, i, stack.data());
        return true;
    }
};

}  // namespace

void NlsOptions::validate() const {
    if (max_iterations < 1)
        throw Error("nls: max_iterations = " + std::to_string(max_iterations) + " must be at least 1");
    if (!(function_tolerance >= 0) || !(parameter_tolerance >= 0) || !(gradient_tolerance >= 0))
        throw Error("nls: tolerances must be non-negative");
    if (threads < 1) throw Error("nls: threads = " + std::to_string(threads) + " must be at least 1");
}

Estimate nls(const std::string& formula_text, const std::vector<models::StartValue>& start,
             const data::Frame& frame, const NlsOptions& options) {
    options.validate();
    std::vector<std::string> parameter_names;
    std::vector<double> b;
    for (const auto& s : start) {
        parameter_names.push_back(s.name);
        b.push_back(s.value);
    }
    const models::NlsFormula formula =
        models::parse_nls_formula(formula_text, parameter_names, frame.names());
    const std::size_t p = b.size();

    // The estimation sample: rows where every used column is present and the response is finite.
    std::vector<std::vector<double>> full;
    std::vector<std::vector<long double>> full_precise;
    for (const auto& name : formula.columns) {
        full.push_back(frame.column(name).to_doubles());
        full_precise.push_back(frame.column(name).to_long_doubles());
    }
    std::vector<const double*> full_columns;
    for (const auto& column : full) full_columns.push_back(column.data());
    std::vector<const long double*> full_precise_columns;
    for (const auto& column : full_precise) full_precise_columns.push_back(column.data());
    std::vector<double> stack(std::max(formula.response.max_stack, formula.model.max_stack));
    std::vector<long double> precise_stack(formula.response.max_stack);
    Estimate estimate;
    std::vector<std::vector<double>> kept(full.size());
    NlsData data;
    PreciseData precise;
    precise.kept.resize(full.size());
    for (std::size_t row = 0; row < frame.rows(); ++row) {
        bool present = true;
        for (const auto& column : full) present = present && !std::isnan(column[row]);
        const double y = present ? formula.response.evaluate<double>(nullptr, full_columns, row,
                                                                     stack.data())
                                 : NAN;
        if (!std::isfinite(y)) {
            ++estimate.sample.dropped.missing;
            continue;
        }
        estimate.sample.rows.push_back(row);
        data.response.push_back(y);
        precise.response.push_back(formula.response.evaluate<long double>(
            nullptr, full_precise_columns, row, precise_stack.data()));
        for (std::size_t j = 0; j < full.size(); ++j) {
            kept[j].push_back(full[j][row]);
            precise.kept[j].push_back(full_precise[j][row]);
        }
    }
    for (const auto& column : kept) data.columns.push_back(column.data());
    for (const auto& column : precise.kept) precise.columns.push_back(column.data());
    data.n = data.response.size();
    if (data.n <= p)
        throw Error("nls: " + std::to_string(data.n) + " usable observations for " +
                    std::to_string(p) + " parameters; need more observations than parameters");

    auto* cost = new ceres::DynamicAutoDiffCostFunction<Residuals, kStride>(
        new Residuals{&formula.model, &data});
    cost->AddParameterBlock(static_cast<int>(p));
    cost->SetNumResiduals(static_cast<int>(data.n));
    ceres::Problem problem;
    problem.AddResidualBlock(cost, nullptr, b.data());

    silence_ceres_warnings();
    ceres::Solver::Options solver;
    solver.trust_region_strategy_type = ceres::LEVENBERG_MARQUARDT;
    solver.linear_solver_type = ceres::DENSE_QR;
    solver.max_num_iterations = options.max_iterations;
    solver.function_tolerance = options.function_tolerance;
    solver.parameter_tolerance = options.parameter_tolerance;
    solver.gradient_tolerance = options.gradient_tolerance;
    solver.num_threads = options.threads;
    solver.logging_type = ceres::SILENT;

    // Residuals and Jacobian (of the residuals, -df/db; n x p row-major) at b.
    std::vector<double> residuals(data.n), jacobian(data.n * p);
    const auto evaluate = [&] {
        const double* parameter_blocks[] = {b.data()};
        double* jacobians[] = {jacobian.data()};
        return cost->Evaluate(parameter_blocks, residuals.data(), jacobians);
    };
    const auto rss = [&] {
        double sum = 0;
        for (double r : residuals) sum += r * r;
        return sum;
    };
    const auto full_rank = [&] {
        const arma::mat J = arma::mat(jacobian.data(), p, data.n).t();
        return J.is_finite() && arma::rank(J) == p;
    };

    // From a far start (BoxBOD start 1) a large first trust region can jump onto a plateau where
    // the model no longer depends on a parameter; a smaller first region then finds the minimum.
    // The best result over the attempts is kept.
    ceres::Solver::Summary summary;
    std::vector<double> best_b;
    double best_rss = INFINITY;
    ceres::Solver::Summary best_summary;
    for (const double radius : {1e4, 1.0, 1e-2, 1e-4}) {
        for (std::size_t j = 0; j < p; ++j) b[j] = start[j].value;
        solver.initial_trust_region_radius = radius;
        ceres::Solve(solver, &problem, &summary);
        const bool usable = evaluate() && full_rank();
        if (usable && rss() < best_rss) {
            best_rss = rss();
            best_b = b;
            best_summary = summary;
        }
        if (usable && summary.termination_type == ceres::CONVERGENCE) break;
    }
    if (best_b.empty()) {
        // No attempt reached a point with finite residuals and an identified Jacobian: nothing to
        // report, and the cause is nearly always the start (exp overflowing, log of a negative).
        std::ostringstream message;
        message << "nls: '" << formula_text << "' from the start ";
        for (std::size_t j = 0; j < p; ++j) message << (j ? "," : "") << start[j].name << "=" << start[j].value;
        message << ": the solver found no point where every residual is finite and the parameters are "
                   "identified (" << summary.message << "); try start values nearer the solution";
        throw Error(message.str());
    }
    b = best_b;
    summary = best_summary;
    bool evaluated = evaluate();

    // Levenberg-Marquardt stops on relative tolerances; a few plain Gauss-Newton steps (least
    // squares by QR) take the solution to the limit of double precision, kept while the RSS falls.
    for (int step = 0; evaluated && step < 5; ++step) {
        const arma::mat J = -arma::mat(jacobian.data(), p, data.n).t();
        arma::vec delta;
        if (!J.is_finite() || !arma::solve(delta, J, arma::vec(residuals), arma::solve_opts::no_approx))
            break;
        const std::vector<double> previous = b;
        const double previous_rss = rss();
        for (std::size_t j = 0; j < p; ++j) b[j] += delta(j);
        if (!evaluate() || !(rss() < previous_rss)) {
            b = previous;
            evaluated = evaluate();
            break;
        }
    }

    // The same steps with long double residuals on the data as written (the Jacobian and the
    // solve stay in double; the parameters accumulate in long double), kept while the long double
    // RSS falls. Done for every fit, not only when the data carry residues: the model evaluated in
    // long double alone gains digits, and n evaluations cost little next to the solver's.
    std::vector<long double> b_precise(b.begin(), b.end());
    std::vector<long double> precise_residuals(data.n), trial_residuals(data.n);
    long double precise_rss = precise.residuals(formula.model, b_precise, precise_residuals);
    for (int step = 0; evaluated && step < 5; ++step) {
        const arma::mat J = -arma::mat(jacobian.data(), p, data.n).t();
        const arma::vec r = arma::conv_to<arma::vec>::from(
            std::vector<double>(precise_residuals.begin(), precise_residuals.end()));
        arma::vec delta;
        if (!J.is_finite() || !arma::solve(delta, J, r, arma::solve_opts::no_approx)) break;
        std::vector<long double> trial = b_precise;
        for (std::size_t j = 0; j < p; ++j) trial[j] += delta(j);
        const long double trial_rss = precise.residuals(formula.model, trial, trial_residuals);
        if (!(trial_rss < precise_rss)) break;
        b_precise = trial;
        precise_rss = trial_rss;
        precise_residuals.swap(trial_residuals);
        b.assign(b_precise.begin(), b_precise.end());
        evaluated = evaluate();
    }

    estimate.estimator = "nls";
    estimate.kind = ModelKind::linear;
    estimate.formula = formula_text;
    estimate.outcome = formula.response_name;
    estimate.names = parameter_names;
    estimate.coef = arma::vec(b);
    estimate.nobs = data.n;
    estimate.has_intercept = false;
    estimate.converged = summary.termination_type == ceres::CONVERGENCE && evaluated;
    estimate.convergence_message = summary.message;
    estimate.stats["iterations"] = summary.iterations.empty() ? 0 : summary.iterations.back().iteration;

    const arma::vec e = arma::conv_to<arma::vec>::from(
        std::vector<double>(precise_residuals.begin(), precise_residuals.end()));
    // Ceres stores row-major; arma reads column-major, so this is J' (p x n), negated.
    const arma::mat J = -arma::mat(jacobian.data(), p, data.n).t();
    const auto deviance = static_cast<double>(precise_rss);
    const double df = static_cast<double>(data.n - p);
    estimate.residuals = e;
    estimate.sigma2 = deviance / df;
    estimate.stats["deviance"] = deviance;
    estimate.stats["rmse"] = std::sqrt(deviance / df);
    estimate.stats["df_resid"] = data.n - p;
    double mean = 0, tss = 0;
    for (const double value : data.response) mean += value / static_cast<double>(data.n);
    for (const double value : data.response) tss += (value - mean) * (value - mean);
    estimate.exact_fit = data.n > p && is_exact_fit(deviance, tss);

    arma::mat Q, R;
    const bool factored = evaluated && J.is_finite() && arma::qr_econ(Q, R, J);
    const double smallest = factored ? arma::min(arma::abs(R.diag())) : 0.0;
    const double largest = factored ? arma::max(arma::abs(R.diag())) : 0.0;
    if (!factored || !(smallest > 1e-14 * largest)) {
        estimate.bread = arma::mat(p, p, arma::fill::value(NAN));
        estimate.converged = false;
        estimate.convergence_message += (estimate.convergence_message.empty() ? "" : "; ") +
                                        std::string("the Jacobian is singular at the solution: "
                                                    "the parameters are not identified");
    } else {
        const arma::mat R_inv = arma::inv(arma::trimatu(R));
        estimate.bread = R_inv * R_inv.t();
        estimate.leverage = arma::sum(arma::square(Q), 1);
    }
    estimate.scores = J.each_col() % e;
    return estimate;
}

}  // namespace gvcpanel::estimators
