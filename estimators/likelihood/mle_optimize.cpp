// Newton's method is the default optimiser: every family supplies its exact Hessian (analytic for
// the GLMs) and the bread needs it anyway, so each iteration costs one pass over the data plus one
// k x k solve, and convergence is quadratic. On 10^6 rows x 10 regressors (bench/mle_glm.cpp)
// Newton takes 3-4 iterations and matches glm to 10 digits; Ceres' L-BFGS (gradients only) takes
// 6-8 at about the same time but stops 1e-6 short (its gradient tolerance). A step where -H is not
// positive definite (negbin far from the optimum) is regularised by a ridge; the line search is
// Armijo backtracking. L-BFGS through ceres::GradientProblemSolver remains as an option.
#include "estimators/likelihood/mle_optimize.hpp"

#include <ceres/ceres.h>

#include <cmath>
#include <optional>

#include "estimators/likelihood/ceres_logging.hpp"

namespace gvcpanel::estimators {

namespace {

// -H + tau I, its Cholesky factor R (R'R), with tau = 0 when -H is positive definite.
bool regularised_cholesky(const arma::mat& negative_hessian, arma::mat& R) {
    if (arma::chol(R, negative_hessian)) return true;
    const std::size_t p = negative_hessian.n_rows;
    double tau = 1e-8 * std::max(1.0, arma::max(arma::abs(negative_hessian.diag())));
    for (int attempt = 0; attempt < 30; ++attempt, tau *= 10)
        if (arma::chol(R, negative_hessian + tau * arma::eye(p, p))) return true;
    return false;
}

class NegativeLoglik : public ceres::FirstOrderFunction {
public:
    explicit NegativeLoglik(const LikelihoodObjective& objective) : objective_(objective) {}

    // Scaled by 1/n so that Ceres' tolerances do not depend on the sample size.
    bool Evaluate(const double* parameters, double* cost, double* gradient) const override {
        const arma::vec theta(parameters, objective_.parameters());
        const double n = static_cast<double>(objective_.n());
        if (gradient) {
            const LikelihoodDerivatives d = objective_.derivatives(theta, false);
            *cost = -d.loglik / n;
            for (std::size_t j = 0; j < theta.n_elem; ++j) gradient[j] = -d.gradient(j) / n;
        } else {
            *cost = -objective_.loglik(theta) / n;
        }
        return std::isfinite(*cost);
    }

    int NumParameters() const override { return static_cast<int>(objective_.parameters()); }

private:
    const LikelihoodObjective& objective_;
};

}  // namespace

OptimizeResult newton(const LikelihoodObjective& objective, arma::vec theta, int max_iterations,
                      double tolerance) {
    OptimizeResult result;
    LikelihoodDerivatives d = objective.derivatives(theta, true);
    if (!std::isfinite(d.loglik) || !d.gradient.is_finite()) {
        result.theta = theta;
        result.at_solution = d;
        result.message = "the log-likelihood is not finite at the starting values";
        return result;
    }
    bool noise_step_taken = false;
    for (int iteration = 0;; ++iteration) {
        arma::mat R;
        if (!d.hessian.is_finite() || !regularised_cholesky(-d.hessian, R)) {
            result.message = "the Hessian is not finite or cannot be regularised";
            break;
        }
        const arma::vec step =
            arma::solve(arma::trimatu(R), arma::solve(arma::trimatl(R.t()), d.gradient));
        const double decrement = arma::dot(d.gradient, step);
        // Below this the change in the log-likelihood is lost in its rounding.
        const double noise = 1e-13 * (1.0 + std::fabs(d.loglik));
        if (decrement <= tolerance || (noise_step_taken && decrement <= noise)) {
            result.converged = true;
            result.message = "converged: Newton decrement " + std::to_string(decrement);
            break;
        }
        if (iteration >= max_iterations) {
            result.message = "no convergence in " + std::to_string(max_iterations) +
                             " Newton iterations (decrement " + std::to_string(decrement) + ")";
            break;
        }
        double t = 1.0;
        bool accepted = decrement <= noise;  // inside the noise: the full step is the best guess
        noise_step_taken = accepted;
        // Where the Hessian costs no more than the value, the full step is tried with all
        // derivatives: when it is accepted (nearly always) they are the next iteration's.
        std::optional<LikelihoodDerivatives> at_full_step;
        for (int halving = 0; !accepted && halving < 60; ++halving, t *= 0.5) {
            if (halving == 0 && objective.hessian_is_cheap())
                at_full_step = objective.derivatives(theta + step, true);
            const double value = at_full_step && halving == 0 ? at_full_step->loglik
                                                              : objective.loglik(theta + t * step);
            accepted = std::isfinite(value) && value >= d.loglik + 1e-4 * t * decrement;
            if (accepted) break;
        }
        if (!accepted) {
            result.message = "the line search found no increase of the log-likelihood (decrement " +
                             std::to_string(decrement) + ")";
            break;
        }
        theta += t * step;
        d = at_full_step && t == 1.0 ? std::move(*at_full_step) : objective.derivatives(theta, true);
        result.iterations = iteration + 1;
    }
    result.theta = theta;
    result.at_solution = d;
    return result;
}

OptimizeResult lbfgs(const LikelihoodObjective& objective, arma::vec theta, int max_iterations) {
    silence_ceres_warnings();
    ceres::GradientProblemSolver::Options options;
    options.line_search_direction_type = ceres::LBFGS;
    options.max_num_iterations = max_iterations;
    options.function_tolerance = 1e-16;
    options.parameter_tolerance = 1e-16;
    options.gradient_tolerance = 1e-12;
    options.logging_type = ceres::SILENT;
    ceres::GradientProblem problem(new NegativeLoglik(objective));
    ceres::GradientProblemSolver::Summary summary;
    ceres::Solve(options, problem, theta.memptr(), &summary);

    OptimizeResult result;
    result.theta = theta;
    result.at_solution = objective.derivatives(theta, true);
    result.iterations = static_cast<int>(summary.iterations.size()) - 1;
    result.converged = summary.termination_type == ceres::CONVERGENCE;
    result.message = summary.message;
    return result;
}

}  // namespace gvcpanel::estimators
