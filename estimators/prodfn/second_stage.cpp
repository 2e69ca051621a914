#include "estimators/prodfn/second_stage.hpp"

#include <ceres/ceres.h>

#include "estimators/likelihood/ceres_logging.hpp"

namespace gvcpanel::estimators::prodfn {

namespace {

class MarkovCost final : public ceres::CostFunction {
public:
    explicit MarkovCost(const MarkovData& data) : data_(data) {
        set_num_residuals(static_cast<int>(data.residuals()));
        mutable_parameter_block_sizes()->push_back(static_cast<std::int32_t>(data.X.n_cols));
    }

    bool Evaluate(double const* const* parameters, double* residuals, double** jacobians) const override {
        const std::size_t p = data_.X.n_cols;
        const arma::vec theta(const_cast<double*>(parameters[0]), p, false, true);
        const bool jacobian = jacobians != nullptr && jacobians[0] != nullptr;
        const auto eval = evaluate_markov(data_, theta, jacobian);
        if (!eval.ok) return false;
        std::copy(eval.residuals.begin(), eval.residuals.end(), residuals);
        if (jacobian) {
            const std::size_t m = eval.residuals.n_elem;
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < p; ++j) jacobians[0][i * p + j] = eval.jacobian(i, j);
        }
        return true;
    }

private:
    const MarkovData& data_;
};

}  // namespace

SecondStage minimise_markov(const MarkovData& data, const std::vector<arma::vec>& starts,
                            const SecondStageOptions& options) {
    silence_ceres_warnings();
    ceres::Solver::Options solver;
    solver.trust_region_strategy_type = ceres::LEVENBERG_MARQUARDT;
    solver.linear_solver_type = ceres::DENSE_QR;
    solver.max_num_iterations = options.max_iterations;
    solver.function_tolerance = options.function_tolerance;
    solver.parameter_tolerance = options.parameter_tolerance;
    solver.gradient_tolerance = options.gradient_tolerance;
    solver.num_threads = 1;
    solver.logging_type = ceres::SILENT;

    SecondStage best;
    std::vector<arma::vec> solutions;
    for (const auto& start : starts) {
        std::vector<double> theta(start.begin(), start.end());
        ceres::Problem problem;
        problem.AddResidualBlock(new MarkovCost(data), nullptr, theta.data());
        ceres::Solver::Summary summary;
        ceres::Solve(solver, &problem, &summary);
        const bool converged = summary.termination_type == ceres::CONVERGENCE;
        const double criterion = 2 * summary.final_cost;
        ++best.starts;
        if (!summary.IsSolutionUsable() || !(criterion >= 0) || !std::isfinite(criterion)) continue;
        if (converged) ++best.starts_converged;
        solutions.emplace_back(theta);
        if (!std::isfinite(best.criterion) || criterion < best.criterion) {
            best.theta = arma::vec(theta);
            best.criterion = criterion;
            best.iterations = static_cast<int>(summary.iterations.size()) - 1;
            best.converged = converged;
            best.message = summary.message;
        }
    }
    for (const auto& solution : solutions)
        if (arma::max(arma::abs(solution - best.theta) / (1 + arma::abs(best.theta))) <= options.same_minimum)
            ++best.starts_at_minimum;
    if (best.theta.is_empty()) best.message = "the criterion could not be evaluated at any start (P'P singular)";
    return best;
}

}  // namespace gvcpanel::estimators::prodfn
